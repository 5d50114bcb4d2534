// The capture file the worker has open: the engine's CaptureFile plus what the UI needs
// around it (display view, live-follow state, time precision) and its FileInfo snapshot.

import { basename } from 'node:path';
import type { FileInfo, FileProgress } from '../../api/contract.js';
import { CaptureFile } from '../captureFile.js';
import { linkTypeName } from '../read/linkTypes.js';
import { DisplayView } from './displayView.js';

export class OpenCapture {
  readonly view = new DisplayView();
  /** the first pass has reached the end of the file (and is not following a live capture) */
  indexDone = false;

  private constructor(
    readonly path: string,
    readonly file: CaptureFile,
    readonly live: boolean,
    /** true while a live capture may still append packets */
    public following: boolean,
  ) {}

  static async open(path: string, live: boolean): Promise<OpenCapture> {
    const file = await CaptureFile.open(path, { follow: live });
    return new OpenCapture(path, file, live, live);
  }

  get total(): number {
    return this.file.index.count;
  }

  /** Fraction digits of the time column: 9 when any interface has finer than microsecond resolution. */
  timeDigits(): number {
    const ifs = this.file.reader.interfaces;
    return ifs.some((i) => i.tsResolution !== 'usec' && i.tsResolution !== 'msec') ? 9 : 6;
  }

  progress(): FileProgress {
    const r = this.file.reader;
    return {
      packets: this.total,
      displayed: this.view.displayed(this.total),
      bytesRead: r.bytesRead,
      size: Math.max(r.fileSize, r.bytesRead),
      indexing: !this.indexDone,
      damage: this.file.damage?.message ?? null,
    };
  }

  info(): FileInfo {
    const r = this.file.reader;
    const linkTypes = [...new Set(r.interfaces.map((i) => linkTypeName(i.linkType)))];
    return {
      ...this.progress(),
      path: this.path,
      name: basename(this.path),
      format: r.format,
      compressed: r.compressed,
      live: this.live,
      filter: this.view.filterText,
      linkTypes,
    };
  }

  close(): void {
    this.file.close();
  }
}
