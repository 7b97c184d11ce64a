import { createResource, createRoot, createSignal } from "solid-js";
import { api } from "../api/client";
import type { CertDefinition } from "../api/types";
import { loaded } from "../components/async";

/** Approved definitions are few (ops approve each); ten pages is far more than exist, and bounds a runaway cursor. */
const MAX_PAGES = 10;

async function approved(): Promise<CertDefinition[]> {
  const out: CertDefinition[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: { items: CertDefinition[]; cursor: string | null } = await api.certification.listByStatus.query({ status: "approved", cursor });
    out.push(...page.items);
    cursor = page.cursor;
    if (!cursor) break;
  }
  return out;
}

/**
 * The certifications a gig may require, and the names of those a gig lists or a candidate lacks
 * (reasons carry only the id). Loaded once per visit, on first use.
 */
const cache = createRoot(() => {
  const [wanted, setWanted] = createSignal(false);
  const [list] = createResource(wanted, approved);
  return { list, want: () => setWanted(true) };
});

/** The approved definitions (fetched on the first call). */
export function approvedCertifications() {
  cache.want();
  return cache.list;
}

export function certName(definitionID: string): string | undefined {
  return loaded(approvedCertifications())?.find((d) => d.definitionID === definitionID)?.name;
}

/** "地方特产带货主播（初级） L1" for a required certification; its id until the list is there. */
export function certLabel(definitionID: string): string {
  const d = loaded(approvedCertifications())?.find((x) => x.definitionID === definitionID);
  return d ? `${d.name} L${d.level}` : definitionID;
}
