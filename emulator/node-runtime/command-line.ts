/**
 * Splits a task command line into argv as a Linux Batch node does: no shell runs it, so there is no variable
 * expansion, globbing, redirection or `;`/`|`/`&&` — those characters are ordinary argument text. Words are separated
 * by blanks; single quotes keep everything literally; double quotes keep everything but `\"`, `\\`, `\$` and `` \` ``
 * escapes; a backslash outside quotes keeps the next character. A command line that needs a shell says so:
 * `/bin/bash -c "…"`.
 */
export function splitCommandLine(commandLine: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < commandLine.length; i++) {
    const c = commandLine[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < commandLine.length && '"\\$`'.includes(commandLine[i + 1] as string)) word += commandLine[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < commandLine.length) {
      word += commandLine[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new SyntaxError(`The command line has an unterminated ${quote === "'" ? 'single' : 'double'} quote`);
  if (inWord) words.push(word);
  return words;
}
