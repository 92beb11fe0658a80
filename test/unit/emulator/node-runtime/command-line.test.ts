import { describe, expect, it } from 'vitest';
import { splitCommandLine } from '../../../../emulator/node-runtime/command-line';

describe('task command lines run without a shell', () => {
  it('splits words on blanks and keeps quoted text together', () => {
    expect(splitCommandLine('printenv  AZ_BATCH_NODE_ID')).toEqual(['printenv', 'AZ_BATCH_NODE_ID']);
    expect(splitCommandLine(`/bin/bash -c 'echo $HOME | tee x'`)).toEqual(['/bin/bash', '-c', 'echo $HOME | tee x']);
    expect(splitCommandLine('/bin/bash -c "echo \\"hi\\" \\$HOME"')).toEqual(['/bin/bash', '-c', 'echo "hi" $HOME']);
    expect(splitCommandLine(`/bin/bash -c 'echo '\\''hi'\\'''`)).toEqual(['/bin/bash', '-c', "echo 'hi'"]);
    expect(splitCommandLine('a\\ b "" c')).toEqual(['a b', '', 'c']);
  });

  it('leaves shell syntax as plain arguments: no expansion, pipes or redirection', () => {
    expect(splitCommandLine('echo $HOME; ls | wc > out *')).toEqual(['echo', '$HOME;', 'ls', '|', 'wc', '>', 'out', '*']);
  });

  it('refuses an unterminated quote', () => {
    expect(() => splitCommandLine(`/bin/bash -c 'echo`)).toThrow(/unterminated single quote/);
    expect(() => splitCommandLine('echo "x')).toThrow(/unterminated double quote/);
  });
});
