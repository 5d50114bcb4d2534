// Buffered synchronous writes to stdout: millions of summary lines go out in 64 KiB
// blocks instead of one write per line, and a closed pipe (`| head`) ends quietly.

import { writeSync } from 'node:fs';

export class OutputBuffer {
  private parts: string[] = [];
  private size = 0;
  closed = false;

  constructor(private readonly fd = 1) {}

  line(text: string): void {
    this.parts.push(text, '\n');
    this.size += text.length + 1;
    if (this.size >= 65536) this.flush();
  }

  flush(): void {
    if (this.size === 0 || this.closed) return;
    const data = Buffer.from(this.parts.join(''));
    this.parts = [];
    this.size = 0;
    let off = 0;
    while (off < data.length) {
      try {
        off += writeSync(this.fd, data, off);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue;
        if (code === 'EPIPE') {
          this.closed = true;
          return;
        }
        throw err;
      }
    }
  }
}
