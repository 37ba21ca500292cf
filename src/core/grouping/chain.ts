// Which exception of a chain, and which frame, the grouping looks at.
//
// Rule (documented in the README of grouping and in every Fingerprint's `why`):
//  - The ROOT CAUSE (the last `.cause`) decides the error kind and the message: it is where the
//    failure started, and wrappers' messages often just repeat it with a prefix.
//  - The OUTERMOST exception's kind is kept as well when it differs: the same root cause wrapped
//    on two code paths (e.g. a SQLException surfacing as PaymentFailed or as ReportFailed) is two
//    issues, as a user reading the two traces would expect.
//  - The frame is the top-most in-app frame, searched from the root cause outward (the root may
//    have been raised inside a library, or Java may have trimmed its frames as "... 12 more").
//    When no exception of the chain has an in-app frame, the top frame of the innermost exception
//    that has frames is used ("all frames when none is in-app").

import type { Frame, ParsedError } from '../model';

const MAX_CHAIN = 16; // guards against cyclic or absurdly long chains

export function chainOf(error: ParsedError): ParsedError[] {
  const chain: ParsedError[] = [];
  for (let e: ParsedError | undefined = error; e && chain.length < MAX_CHAIN; e = e.cause) {
    if (chain.includes(e)) break;
    chain.push(e);
  }
  return chain;
}

export function rootOf(error: ParsedError): ParsedError {
  const chain = chainOf(error);
  return chain[chain.length - 1];
}

export interface GroupingFrame {
  frame: Frame;
  /** Where the frame was found, for `why`. */
  how: 'in-app' | 'top-frame';
  /** Index in the chain (0 = outermost). */
  chainIndex: number;
}

export function groupingFrame(error: ParsedError): GroupingFrame | undefined {
  const chain = chainOf(error);
  for (let i = chain.length - 1; i >= 0; i--) {
    const frame = chain[i].frames.find((f) => f.inApp);
    if (frame) return { frame, how: 'in-app', chainIndex: i };
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    if (chain[i].frames.length > 0) return { frame: chain[i].frames[0], how: 'top-frame', chainIndex: i };
  }
  return undefined;
}

/** Every in-app frame of the chain, root cause first, for lenses. */
export function inAppFramesOf(error: ParsedError): Frame[] {
  const out: Frame[] = [];
  const chain = chainOf(error);
  for (let i = chain.length - 1; i >= 0; i--) for (const f of chain[i].frames) if (f.inApp) out.push(f);
  return out;
}
