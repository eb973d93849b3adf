import { StringDecoder } from 'node:string_decoder';
import { Transform } from 'node:stream';
import { terminalText } from '../../../analysis/terminal-text.ts';

/**
 * A verb's output on its way to a terminal, made safe to show: each character a terminal acts on (ESC, the C1 CSI,
 * bidi overrides; terminalText) appears as its escape, as `ls` shows a file name's control characters. A
 * respondent's free-text answer is written by an internet stranger, and `vlab export` without --out to a terminal
 * let its `ESC]0;…` retitle the window or `ESC[2J` clear the screen (attacker pass 14). Line breaks stay (and a CRLF
 * pair: CSV's records), so the text reads as the file would; only a terminal gets this — a pipe or a file gets the
 * data's own bytes. UTF-8 split across chunks is decoded whole; a CR at a chunk's end waits for what follows it.
 */
export function terminalSafe(): Transform {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const shown = (text: string) => text.split('\r\n').map((part) => terminalText(part, { lineBreaks: 'keep' })).join('\r\n');
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const text = pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
      const cut = text.endsWith('\r') ? text.length - 1 : text.length;
      pending = text.slice(cut);
      done(null, shown(text.slice(0, cut)));
    },
    flush(done) {
      done(null, shown(pending + decoder.end()));
    },
  });
}
