// The one error type capture code throws: a machine-readable code (the helper's codes,
// see native/README.md, plus a few of the supervisor's own) and a message a person can act on.

export type CaptureErrorCode =
  | 'EUSAGE'
  | 'EPERM'
  | 'ENODEV'
  | 'ENETDOWN'
  | 'EBADFILTER'
  | 'ENETNS'
  | 'EOUTPUT'
  | 'ECAPTURE'
  /** neither the helper nor `cap` can capture here */
  | 'ENOHELPER'
  /** the helper exited without saying why (crash, killed) */
  | 'EHELPER';

export class CaptureError extends Error {
  constructor(
    readonly code: CaptureErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CaptureError';
  }
}
