// The failing tests of a run, read from the TAP that scripts/run-tests.mjs has Node's runner write beside its spec
// output. CI shows only the tail of a run's output: the SQLite pass's failures scrolled out of sight behind the
// PostgreSQL pass and the stress run, and a failed CI said nothing of what failed. run-tests.mjs prints these last.

/**
 * `not ok` entries of a TAP text, leaves only (a test whose failure is only that a subtest failed is left out):
 * the test's name, its location (`file:line:column`) and the first line of its error.
 * @param {string} tap
 * @returns {{ name: string; location: string; error: string }[]}
 */
export function failedTests(tap) {
  const lines = tap.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^(\s*)not ok \d+ - (.*)$/.exec(lines[i]);
    if (!head) continue;
    const fields = yamlBlock(lines, i + 1, head[1].length);
    if (fields.failureType === 'subtestsFailed') continue;
    out.push({ name: head[2].replace(/ # .*$/, ''), location: fields.location ?? '', error: fields.error ?? '' });
  }
  return out;
}

/** The scalar fields of the YAML block (`---` … `...`) after a `not ok` line; a `|-` field gives its first non-empty line. */
function yamlBlock(lines, from, indent) {
  const fields = {};
  if ((lines[from] ?? '').trim() !== '---') return fields;
  const pad = indent + 2;
  for (let i = from + 1; i < lines.length && lines[i].trim() !== '...'; i++) {
    const field = /^(\w+): (.*)$/.exec(lines[i].slice(pad));
    if (!field || lines[i].length - lines[i].trimStart().length !== pad) continue;
    let value = field[2];
    if (value === '|-' || value === '|' || value === '>-') {
      value = '';
      for (let j = i + 1; j < lines.length && lines[j].length - lines[j].trimStart().length > pad; j++) {
        if (lines[j].trim()) {
          value = lines[j].trim();
          break;
        }
      }
    }
    fields[field[1]] = value.replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
  }
  return fields;
}
