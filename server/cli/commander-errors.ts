import { standardOutput } from './standard-output.ts';
import type { Command } from 'commander';

/**
 * What to write instead of an option vlab deliberately lacks, by verb and flag: the arguments R users type by R's
 * names (the fifteenth R trial: power.t.test's delta and sig.level; lm_robust's subset is --subset since R trial 28).
 */
const INSTEAD: Record<string, Record<string, string>> = {
  fit: {
    '--ci': 'the interval is always printed (conf_low, conf_high); --alpha sets its level',
  },
  power: {
    '--delta': 'write --effect (power.t.test\'s delta)',
    '--sig.level': 'write --alpha (power.t.test\'s sig.level)',
  },
};

/** What a study definition is checked with, for the verbs other tools have (walk-through 21: `vlab study validate`). */
const CHECK_DEFINITIONS = 'vlab study list checks every definition: the broken ones are listed with what to fix, and it exits 1 while any is';

/** What to type instead of a command vlab does not have, by the verb path it was typed under ('' for `vlab` itself). */
const COMMAND_INSTEAD: Record<string, Record<string, string>> = {
  '': { validate: CHECK_DEFINITIONS, check: CHECK_DEFINITIONS },
  study: { validate: CHECK_DEFINITIONS, check: CHECK_DEFINITIONS, lint: CHECK_DEFINITIONS },
};

/**
 * One line in the CLI's usual form, `vlab <verb>: <problem>`, from commander's own message ("error: unknown
 * option '--x'" and a "(Did you mean --y?)" line): the prefix dropped, the lines joined, and for an option vlab
 * leaves out on purpose, what to write instead.
 *
 * @example commanderErrorLine('fit', "error: unknown option '--subset'\n") // "vlab fit: unknown option '--subset': lm_robust's subset …"
 */
export function commanderErrorLine(verb: string, message: string): string {
  const text = message.trim().replace(/^error: /, '').replace(/\s*\n\s*\(Did you mean (.*)\)$/, ' (did you mean $1)');
  const flag = /^unknown option '(--[^'=]+)/.exec(text)?.[1];
  const command = /^unknown command '([^']+)'/.exec(text)?.[1];
  const instead = flag !== undefined ? (INSTEAD[verb]?.[flag] ?? waveIdInstead(verb, flag)) : command !== undefined && Object.hasOwn(COMMAND_INSTEAD[verb] ?? {}, command) ? COMMAND_INSTEAD[verb]![command] : undefined;
  const line = instead ? `${text.replace(/ \(did you mean .*\)$/, '')}: ${instead}` : text.replace(/\n+/g, ' ');
  return `${verb ? `vlab ${verb}` : 'vlab'}: ${line}${missesWave(verb, text) ? ": vlab wave list shows the waves' ids" : ''}\n`;
}

/**
 * `--wave` given to a verb under `vlab wave` (status, update), which takes the id as an argument, as estimates, export
 * and replication do not (task 43: `vlab wave status --wave ID` said only "unknown option '--wave'").
 */
function waveIdInstead(verb: string, flag: string): string | undefined {
  return flag === '--wave' && verb.startsWith('wave ') ? `the wave's id is an argument here, not an option: vlab ${verb} ID` : undefined;
}

/** A wave left out (`--wave` of estimates, export…; the id of wave status, pause…): walk-through 28 had no hint where ids are. */
function missesWave(verb: string, text: string): boolean {
  return text === "required option '--wave <id>' not specified" || (verb.startsWith('wave ') && text === "missing required argument 'id'");
}

/**
 * Routes commander's errors (unknown option or command, missing option value, missing or extra argument) of
 * `program` and every command under it through commanderErrorLine, so they read like every other usage error.
 * Call after all commands are registered: each gets its own output configuration naming its verb path
 * ("fit", "wave create"). The exit code stays with the caller (2 for usage errors).
 */
export function formatCommanderErrors(program: Command): void {
  // commander reports a missing required option before an unknown one, so `vlab fit --subset x` alone
  // would only say that --data is missing: a flag vlab leaves out on purpose is reported first, with its advice.
  program.hook('preSubcommand', (_program, verb) => {
    const flags = INSTEAD[verb.name()] ?? {};
    const given = program.args.slice(1).find((arg) => Object.keys(flags).some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
    if (given !== undefined) verb.error(`error: unknown option '${given}'`, { code: 'commander.unknownOption' });
  });
  const visit = (command: Command, path: string[]): void => {
    const verb = path.join(' ');
    command.configureOutput({
      writeOut: (text) => standardOutput().write(text),
      outputError: (message, write) => write(/^error: too many arguments/.test(message) ? leftOverWordsLine(verb, command) : commanderErrorLine(verb, message)),
    });
    for (const sub of command.commands) visit(sub, [...path, sub.name()]);
  };
  visit(program, []);
}

/**
 * commander's "too many arguments for 'fit'. Expected 0 arguments but got 5." is nearly always a value typed without
 * quotes: a formula the shell split at its spaces (and whose * it turned into the folder's file names), or a
 * title with spaces. The line shows the words left over and says to quote; a verb with --formula gets its example.
 */
function leftOverWordsLine(verb: string, command: Command): string {
  const expected = command.registeredArguments.map((argument) => `<${argument.name()}>`);
  const words = command.args.slice(expected.length).join(' ');
  const formula = command.options.some((option) => option.long === '--formula');
  const advice = formula ? ", as --formula 'y ~ a * b' (unquoted, the shell splits it at the spaces and turns * into file names)" : '';
  return `vlab ${verb}: unexpected words after ${expected.length ? expected.join(' ') : 'the options'}: "${words}": quote a value with spaces or *${advice}\n`;
}
