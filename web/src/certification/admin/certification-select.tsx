import { createResource, For, Show } from "solid-js";
import { api } from "../../api/client";
import type { CertDefinition } from "../../api/types";
import { loaded } from "../../components/async";
import { type FormBinding, SelectField } from "../../components/field";
import { t } from "../../i18n";
import { PLATFORM_OWNER } from "./definition-draft";

/** Approved definitions are few (ops approve each); ten pages is far more than exist, and bounds a runaway cursor. */
const MAX_PAGES = 10;

/** What a course of this agency may lead to: approved certifications of the platform or of the agency itself. */
export async function usableCertifications(agencyID: string): Promise<CertDefinition[]> {
  const out: CertDefinition[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: { items: CertDefinition[]; cursor: string | null } = await api.certification.listByStatus.query({ status: "approved", cursor });
    out.push(...page.items.filter((d) => d.ownerID === PLATFORM_OWNER || d.ownerID === agencyID));
    cursor = page.cursor;
    if (!cursor) break;
  }
  return out;
}

/**
 * "Leads to certification" in the course editor; "none" is a real choice. A course whose
 * certification is no longer approved keeps showing it (marked) until the admin picks again,
 * and the API's refusal lands on this box.
 */
export function CertificationSelect(props: { agencyID: string; form: FormBinding<string>; value: () => string; setValue: (id: string) => void }) {
  const [options] = createResource(() => props.agencyID, usableCertifications);
  // Also when the list failed to load: saving must not silently drop the course's certification.
  const missing = () => props.value() !== "" && !(loaded(options) ?? []).some((d) => d.definitionID === props.value());
  // The select is made once its options are there, so it shows the course's choice rather than the first option.
  return (
    <Show when={options.state === "ready" || options.state === "errored"} fallback={<p class="meta">{t("common.loading")}</p>}>
      <SelectField
        label={t("certAdmin.leadsTo")}
        hint={t("certAdmin.leadsToHint")}
        form={props.form}
        name="certificationID"
        value={props.value}
        setValue={props.setValue}
        testid="course-certification"
      >
        <option value="">{t("certAdmin.leadsToNone")}</option>
        <Show when={missing()}>
          <option value={props.value()}>{options.state === "errored" ? t("certAdmin.leadsToCurrent") : t("certAdmin.leadsToUnavailable")}</option>
        </Show>
        <For each={loaded(options) ?? []}>
          {(d) => (
            <option value={d.definitionID}>
              {[d.name, t("certAdmin.levelN", { level: d.level }), d.ownerID === PLATFORM_OWNER ? t("certAdmin.platform") : d.ownerName].join(" · ")}
            </option>
          )}
        </For>
      </SelectField>
      <Show when={options.state === "errored"}>
        <p class="meta">{t("certAdmin.leadsToLoadError")}</p>
      </Show>
    </Show>
  );
}
