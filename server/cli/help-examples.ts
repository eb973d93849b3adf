import type { Command } from 'commander';

/**
 * Examples shown at the end of `vlab --help` and of each verb's `--help`, kept in one place so that the words stay
 * alike from verb to verb. They run as pasted in the project folder (through `npx vlab`, or `vlab` after `npm
 * link`): the study ids are the shipped ones, and WAVE stands for a wave id from `vlab wave list`.
 * tests/server/cli-help.test.ts checks that every option an example uses is one its verb has.
 */
export const HELP_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  '': [
    'vlab study list                                             # the studies of survey-definitions/, and what to fix in broken ones',
    'vlab wave create --study alliance-corrective-measures --target 1500',
    'vlab wave status WAVE                                       # WAVE: an id from vlab wave list',
    'vlab export --wave WAVE --out wave.csv',
    'vlab estimates --wave WAVE',
    'vlab replication --wave WAVE --out package.zip',
  ],
  serve: ['vlab serve --port 3001', 'VLAB_RATE_LIMIT_START=100000 vlab serve   # a load test of more than 300 starts without a researcher token'],
  'study list': ['vlab study list --json'],
  'study sync': ['VLAB_DEFINITIONS=/srv/vlab/survey-definitions vlab study sync --db postgres://vlab@db.internal/vlab   # this folder’s versions become current'],
  'wave create': [
    'vlab wave create --study alliance-corrective-measures --target 1500',
    "vlab wave create --study alliance-corrective-measures --target 1500 --complete-url 'https://app.prolific.com/submissions/complete?cc=ABC123'",
  ],
  'wave list': ['vlab wave list', 'vlab wave list --json'],
  'wave pause': ['vlab wave pause WAVE    # no new starts until vlab wave open WAVE; those already in may finish'],
  'wave open': ['vlab wave open WAVE'],
  'wave close': ['vlab wave close WAVE    # for good: a closed wave never takes new starts again'],
  'wave update': ['vlab wave update WAVE --target 2000', 'vlab wave update WAVE --no-screenout-url'],
  'wave status': ['vlab wave status WAVE', 'vlab wave status WAVE --json'],
  export: [
    'vlab export --wave WAVE --out wave.csv',
    'vlab export --wave WAVE --format codebook --out codebook.json',
    'vlab export --wave WAVE --status all --out everyone.csv',
    'vlab export --wave WAVE --format profiles-csv --out profiles.csv   # a conjoint wave',
  ],
  'token create': ['vlab token create --name "your name"'],
  'token list': ['vlab token list'],
  'token revoke': ['vlab token revoke TOKEN_ID   # TOKEN_ID: the first column of vlab token list'],
  estimates: ['vlab estimates --wave WAVE', 'vlab estimates --wave WAVE --format csv --out estimates.csv'],
  replication: ['vlab replication --wave WAVE --out package.zip', 'vlab replication --wave WAVE --out package   # a new folder'],
  simulate: [
    'VLAB_TOKEN=vlab_… vlab simulate --wave WAVE --n 1500 --base-url http://localhost:3000 --seed 1   # a token of vlab token create: its starts pass the limit for respondents',
  ],
  power: [
    'vlab power --sd 1 --n 500                         # minimum detectable effect at 80% power, 500 per arm',
    'vlab power --sd 1 --effect 0.2 --power 0.8        # n per arm',
    'vlab power --sd 1 --effect 0.3 --n 5 --strict     # both rejection regions, as power.t.test(strict = TRUE)',
    'vlab power --study protege-bargaining --n 1500 --sims 100 --seed 1',
  ],
  'p-adjust': ["printf '0.01\\n0.04\\n0.03\\n' | vlab p-adjust --method holm"],
  fit: [
    'vlab fit --data wave.csv --formula "economic_sanctions ~ regime * capability" --codebook codebook.json',
    'vlab fit --data wave.csv --formula "economic_sanctions ~ regime" --clusters region --se-type CR2 --format csv',
  ],
  dim: [
    'vlab dim --data wave.csv --outcome economic_sanctions --treatment regime --blocks capability --codebook codebook.json',
    'vlab dim --data wave.csv --outcome alliance_favorability --treatment behavior --condition1 control --condition2 evict_troops',
  ],
  rake: ['vlab rake --data wave.csv --margins survey-definitions/alliance-corrective-measures/population-margins.json --id participant'],
  amce: [
    'vlab amce --data profiles.csv --formula "chosen ~ regime + capability + behavior * troops" --id participant',
    'vlab amce --data profiles.csv --formula "chosen ~ regime + troops" --id participant --by task   # carryover check',
  ],
  mm: ['vlab mm --data profiles.csv --formula "chosen ~ regime + troops" --id participant --h0 0.5 --by party'],
  'mm-diff': ['vlab mm-diff --data profiles.csv --formula "chosen ~ regime + troops" --id participant --by party'],
  'amce-diff': ['vlab amce-diff --data profiles.csv --formula "chosen ~ regime + troops" --id participant --by party'],
  freqs: ['vlab freqs --data profiles.csv --formula "~ regime + troops"   # design probabilities from the *_probability columns'],
  'db backup': ['vlab db backup --out vlab-$(date +%F).sqlite'],
  'db migrate': ['vlab db migrate', 'vlab db migrate --db postgres://vlab:secret@db.internal:5432/vlab'],
  'db copy': ['vlab db copy --from data/vlab.sqlite --to postgres://vlab:secret@db.internal:5432/vlab   # into a new, empty database (docs/deploy.md)'],
};

/** Appends each command's examples to its help (the program's own under the key ''). */
export function addHelpExamples(program: Command): void {
  const visit = (command: Command, path: string) => {
    const lines = HELP_EXAMPLES[path];
    if (lines) command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}${path ? '' : '\n\nEach verb has its own options and examples: vlab <verb> --help'}`);
    for (const sub of command.commands) visit(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  visit(program, '');
}
