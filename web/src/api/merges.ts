/** The merge queue's API shapes (src/server/routes/merges/schema.ts). */

export interface ProposalPerson {
  id: string;
  displayName: string;
  names: Array<{ name: string; script: string }>;
  gender: string | null;
  confidentiality: string;
  mergedInto: string | null;
  eventsCount: number;
  evidence: Array<{ quote: string; sourceId: string; sourceTitle: string | null }>;
}

export interface MergeProposal {
  id: string;
  score: number;
  status: 'pending' | 'merged' | 'kept_apart';
  why: {
    summary: string;
    match?: boolean;
    names: string[];
    parts: Array<{ part: string; a?: string; b?: string; status: string; note: string }>;
    reading?: string;
  };
  decidedBy: string | null;
  decidedAt: string | null;
  a: ProposalPerson;
  b: ProposalPerson;
}

export interface MergeProposalList {
  total: number;
  items: MergeProposal[];
}

export interface MergeRecord {
  id: string;
  kind: 'merge' | 'split';
  proposalId: string | null;
  keptId: string;
  keptName: string;
  otherId: string;
  otherName: string;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
  undoneAt: string | null;
}

export interface MergeList {
  total: number;
  items: MergeRecord[];
}

export interface MergeResult {
  mergeId: string;
  keptId: string;
  mergedId: string;
  proposalId: string | null;
}

export interface RefreshResult {
  pending: number;
  created: number;
  updated: number;
  removed: number;
  persons: number;
}
