import { describe, expect, it } from 'vitest';
import { createOutput, humanLine } from './output.js';

function sink(isTTY = false) {
  const lines: string[] = [];
  return { lines, stream: { isTTY, write: (chunk: string) => lines.push(chunk) } };
}

const TIME = new Date(2026, 11, 3, 22, 30, 5).getTime(); // local time, as a terminal shows it

describe('humanLine', () => {
  it('writes time, message and fields, with the level only when it is not info', () => {
    expect(humanLine({ level: 30, time: TIME, pid: 1, hostname: 'h', msg: 'Dateline is serving', address: 'http://127.0.0.1:3000', database: 'sqlite' })).toBe(
      '22:30:05 Dateline is serving address=http://127.0.0.1:3000 database=sqlite\n',
    );
    expect(humanLine({ level: 40, time: TIME, msg: 'Slow', note: 'two words', n: 3 })).toBe('22:30:05 WARN Slow note="two words" n=3\n');
  });

  it('adds the stack of an error on the lines after', () => {
    expect(humanLine({ level: 50, time: TIME, msg: 'failed', err: { message: 'boom', stack: 'Error: boom\n    at x' } })).toBe('22:30:05 ERROR failed\nError: boom\n    at x\n');
  });
});

describe('createOutput', () => {
  it('writes JSON lines in the shape of pino when the output is not a terminal, errors included (on stderr)', () => {
    const out = sink();
    const err = sink();
    const output = createOutput({ stdout: out.stream, stderr: err.stream, now: () => TIME });
    expect(output.human).toBe(false);
    output.info('Seeded 44 demo articles.', { articles: 44 });
    output.error('No such thing.');
    expect(out.lines).toHaveLength(1);
    expect(JSON.parse(out.lines[0]!)).toMatchObject({ level: 30, time: TIME, msg: 'Seeded 44 demo articles.', articles: 44, pid: process.pid });
    expect(err.lines).toHaveLength(1);
    expect(JSON.parse(err.lines[0]!)).toMatchObject({ level: 50, msg: 'No such thing.' });
    expect([...out.lines, ...err.lines].every((l) => l.endsWith('}\n'))).toBe(true);
  });

  it('passes the server’s JSON log lines through as they are, or makes them human on a terminal', () => {
    const line = `${JSON.stringify({ level: 30, time: TIME, pid: 1, hostname: 'h', msg: 'Dateline is serving', database: 'sqlite' })}\n`;
    const json = sink();
    createOutput({ stdout: json.stream, stderr: sink().stream }).logStream.write(line);
    expect(json.lines).toEqual([line]);

    const tty = sink(true);
    const errors = sink(true);
    const human = createOutput({ stdout: tty.stream, stderr: errors.stream, now: () => TIME });
    expect(human.human).toBe(true);
    human.info('Seeded 44 demo articles.');
    human.logStream.write(line);
    human.logStream.write(`${JSON.stringify({ level: 50, time: TIME, msg: 'request failed' })}\n`);
    expect(tty.lines).toEqual(['22:30:05 Seeded 44 demo articles.\n', '22:30:05 Dateline is serving database=sqlite\n']);
    expect(errors.lines).toEqual(['22:30:05 ERROR request failed\n']);
  });

  it('reports progress a tenth of the way at a time when it cannot draw a bar', () => {
    const out = sink();
    const bar = createOutput({ stdout: out.stream, stderr: sink().stream }).progress('Indexing articles for search');
    for (let done = 0; done <= 40; done++) bar.update(done, 40);
    bar.stop();
    const messages = out.lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toHaveLength(11);
    expect(messages[0]).toBe('Indexing articles for search: 0/40');
    expect(messages.at(-1)).toBe('Indexing articles for search: 40/40');
  });
});
