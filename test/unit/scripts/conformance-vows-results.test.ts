import { parseVowsOutput } from '../../../scripts/conformance/vows-results';

const vow = (context: string, title: string, status: string, exception: string | null = null): string =>
  JSON.stringify({ 0: 'vow', 1: { title, context, status, exception } });

describe("parseVowsOutput (vows' --json output of one pump.io test file)", () => {
  it('takes the counts from the finish event and keeps each failing vow with its message', () => {
    const output = [
      '(node:38) [DEP0005] DeprecationWarning: Buffer() is deprecated',
      JSON.stringify({ 0: 'context', 1: 'When we set up the app' }),
      vow('When we set up the app', 'it works', 'honored'),
      vow(
        'When we set up the app and we retrieve the favicon',
        'it works',
        'broken',
        '\n    expected 200, \n\tgot 404 (==) // /tmp/x/pump.io/node_modules/vows/lib/assert/macros.js:14',
      ),
      JSON.stringify({
        0: 'finish',
        1: { honored: 1, broken: 1, errored: 0, pending: 0, total: 3, time: 1 },
      }),
    ].join('\n');

    const result = parseVowsOutput(output);

    expect(result).toMatchObject({ honored: 1, broken: 1, errored: 0, dropped: 1, complete: true });
    expect(result.failures).toEqual([
      {
        context: 'When we set up the app and we retrieve the favicon',
        title: 'it works',
        status: 'broken',
        message: 'expected 200, got 404 (==)',
      },
    ]);
  });

  it('prefers the summary vows prints when a topic never called back, and lists that topic', () => {
    const output = [
      vow('When we set up the app', 'it works', 'honored'),
      JSON.stringify({ 0: 'error', 1: { error: 'callback not fired', context: 'and we post a note' } }),
      '✗ Errored » 1 honored ∙ 1 errored',
    ].join('\n');

    const result = parseVowsOutput(output);

    expect(result).toMatchObject({ honored: 1, broken: 0, errored: 1, complete: true });
    expect(result.failures).toEqual([
      { context: 'and we post a note', title: '(topic)', status: 'errored', message: 'callback not fired' },
    ]);
  });

  it('shortens files on this machine to their names but leaves URLs whole', () => {
    const output = vow(
      'a',
      'b',
      'broken',
      "expected { id: 'http://localhost:4815/api/note/x' } // /tmp/w.1/pump.io/test/a-e2e-test.js:12",
    );

    expect(parseVowsOutput(output).failures[0].message).toBe(
      "expected { id: 'http://localhost:4815/api/note/x' } // a-e2e-test.js:12",
    );
  });

  it('tallies what was printed when the file was stopped by its deadline', () => {
    const output = [
      vow('a', 'one', 'honored'),
      vow(
        'a',
        'two',
        'errored',
        'TypeError: x is null at Object.two (/tmp/w/pump.io/test/a-e2e-test.js:9:1) at y',
      ),
    ].join('\n');

    const result = parseVowsOutput(output);

    expect(result).toMatchObject({ honored: 1, broken: 0, errored: 1, complete: false });
    expect(result.failures[0].message).toBe('TypeError: x is null at Object.two (a-e2e-test.js:9:1)');
  });
});
