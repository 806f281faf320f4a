/**
 * One control of a peer tool or standard and how this plugin answers it.
 * Exactly one of `ours`, `notCheckable`, `outOfScope` or `gap` says so.
 */
interface PeerControlBase {
  /** The peer's own id (control, check, policy or rule id). */
  id: string;
  /** What the peer evaluates. */
  title: string;
  /** Where our answer differs from the peer's (stricter, broader, partial). */
  note?: string;
}

/** Answered by these checks of the catalogue (ids of `defaultChecks`). */
export interface MappedPeerControl extends PeerControlBase {
  ours: string[];
}

/** AWS APIs cannot show it; the reason says why. */
export interface NotCheckablePeerControl extends PeerControlBase {
  notCheckable: string;
}

/** Deliberately not judged; the reason says why. */
export interface OutOfScopePeerControl extends PeerControlBase {
  outOfScope: string;
}

/** Checkable from AWS APIs but not checked yet: what a new check would read. */
export interface GapPeerControl extends PeerControlBase {
  gap: string;
}

export type PeerControl =
  | MappedPeerControl
  | NotCheckablePeerControl
  | OutOfScopePeerControl
  | GapPeerControl;

/** A peer tool or standard and every SageMaker control it has. */
export interface Peer {
  /** Stable key, also used in the check metadata (`references.peers`). */
  key: string;
  name: string;
  /** Where the list was read (repository commit or documentation page). */
  source: string;
  controls: PeerControl[];
}

export type PeerControlKind = 'mapped' | 'notCheckable' | 'outOfScope' | 'gap';

/** The kind of answer a row gives; undefined for a row that gives none. */
export function kindOf(control: PeerControl): PeerControlKind | undefined {
  if ('ours' in control) return 'mapped';
  if ('notCheckable' in control) return 'notCheckable';
  if ('outOfScope' in control) return 'outOfScope';
  if ('gap' in control) return 'gap';
  return undefined;
}
