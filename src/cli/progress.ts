import cliProgress from 'cli-progress';

/** A progress bar on a terminal; a line every tenth of the way (to `io.err`) when output is a log. */
export function progress(label: string, io: { err(text: string): void; errIsTTY: boolean }): { update: (done: number, total: number) => void; stop: () => void } {
  if (io.errIsTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} {percentage}% eta {eta}s`, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastTenth = -1;
  return {
    update: (done, total) => {
      const tenth = Math.floor((done / total) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        io.err(`${label}: ${done}/${total}\n`);
      }
    },
    stop: () => {},
  };
}
