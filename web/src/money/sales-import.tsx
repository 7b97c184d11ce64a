import { createSignal, For, Match, Show, Switch } from "solid-js";
import { api } from "../api/client";
import type { Booking, SalePlatform, SalePreview } from "../api/types";
import { Field, SelectField } from "../components/field";
import { createForm } from "../components/form";
import { notify } from "../components/toast";
import { Card, FormError } from "../components/ui";
import { locale, money, t } from "../i18n";
import { LineFigures } from "./bits";
import { bytesToBase64, importChoice, MAX_FILE_BYTES, rowReason } from "./sales";

type Platform = "" | SalePlatform;

/**
 * A brand member imports a session's sales: choose the platform's CSV export (read here as
 * base64), see what it would do (sale.preview writes nothing), then import. A file with any
 * rejected row imports nothing unless the brand chooses to import only its valid rows.
 */
export function SalesImport(props: { booking: Booking; onImported: () => void }) {
  const [platform, setPlatform] = createSignal<Platform>("");
  const [file, setFile] = createSignal<{ name: string; base64: string }>();
  const [preview, setPreview] = createSignal<SalePreview>();
  const [reading, setReading] = createSignal(false);
  const form = createForm(["file", "platform"] as const);
  let input: HTMLInputElement | undefined;
  const started = () => Date.parse(props.booking.startsAt) <= Date.now();
  const request = () => ({ bookingID: props.booking.bookingID, file: file()?.base64 as string, platform: platform() || undefined });

  const runPreview = () =>
    form.run(
      () => (file() ? {} : { file: "sale.chooseFile" }),
      async () => {
        setPreview(await api.sale.preview.mutate(request()));
      },
    );

  const choose = async (f: File | undefined) => {
    setPreview(undefined);
    setFile(undefined);
    form.reset();
    if (!f) return;
    if (f.size > MAX_FILE_BYTES)
      return form.run(
        () => ({ file: "sale.fileTooBig" }),
        async () => {},
      );
    setReading(true);
    try {
      setFile({ name: f.name, base64: bytesToBase64(new Uint8Array(await f.arrayBuffer())) });
    } finally {
      setReading(false);
    }
    await runPreview();
  };

  const clear = () => {
    setPreview(undefined);
    setFile(undefined);
    form.reset();
    if (input) input.value = "";
  };

  const doImport = (skipRejected: boolean) =>
    form.run(
      () => ({}),
      async () => {
        const r = await api.sale.import.mutate({ ...request(), ...(skipRejected ? { skipRejected: true } : {}) });
        notify(() => t("sale.imported", { count: r.imported, commission: money(r.commissionFen) }));
        if (r.shortFen) notify(() => t("sale.short", { amount: money(r.shortFen) }), "error");
        clear();
        props.onImported();
      },
    );

  return (
    <Card title={t("sale.import")} testid="sales-import">
      <form ref={form.ref} class="form" novalidate onSubmit={(e) => e.preventDefault()}>
        <p class="meta">{t("sale.importHint")}</p>
        <Show when={!started()}>
          <p class="notice notice-info" data-testid="sales-not-started">
            {t("sale.notStartedHint")}
          </p>
        </Show>
        <Field label={t("sale.file")} error={form.fieldError("file")}>
          {(c) => (
            <input
              ref={input}
              id={c.id}
              type="file"
              name="file"
              class="file-input"
              accept=".csv,text/csv"
              aria-invalid={c.invalid}
              aria-describedby={c.describedBy}
              data-testid="sales-file"
              onChange={(e) => void choose(e.currentTarget.files?.[0])}
            />
          )}
        </Field>
        <SelectField
          label={t("sale.platform")}
          form={form}
          name="platform"
          value={platform}
          setValue={(v) => {
            setPlatform(v as Platform);
            if (file()) void runPreview();
          }}
          testid="sales-platform"
        >
          <option value="">{t("sale.platform.auto")}</option>
          <option value="douyin">{t("sale.platform.douyin")}</option>
          <option value="tiktok">{t("sale.platform.tiktok")}</option>
        </SelectField>
        <Show when={reading() || (form.submitting() && !preview())}>
          <p class="loading" role="status">
            <span class="spinner" aria-hidden="true" />
            {t("sale.reading")}
          </p>
        </Show>
        <FormError message={form.formError()} />
        <Show when={file() && !preview() && !form.submitting()}>
          <button type="button" class="btn btn-secondary" onClick={() => void runPreview()} data-testid="sales-preview-run">
            {t("sale.runPreview")}
          </button>
        </Show>
        <Show when={preview()}>{(p) => <PreviewView preview={p()} busy={form.submitting()} onImport={doImport} onClear={clear} />}</Show>
      </form>
    </Card>
  );
}

function PreviewView(props: { preview: SalePreview; busy: boolean; onImport: (skipRejected: boolean) => void; onClear: () => void }) {
  const p = () => props.preview;
  const valid = () => p().new + p().changed + p().unchanged;
  const choice = () => importChoice(p());
  const extra = () => p().commissionAfterFen - p().commissionBeforeFen;
  const counts = () => [
    { label: t("sale.rows"), value: p().rows, testid: "preview-rows" },
    { label: t("sale.new"), value: p().new, testid: "preview-new" },
    { label: t("sale.changed"), value: p().changed, testid: "preview-changed" },
    { label: t("sale.unchanged"), value: p().unchanged, testid: "preview-unchanged" },
    { label: t("sale.rejectedCount"), value: p().rejected.length, testid: "preview-rejected" },
  ];
  return (
    <section class="stack" data-testid="sales-preview" aria-labelledby="sales-preview-title" aria-live="polite">
      <h3 id="sales-preview-title">{t("sale.previewTitle", { platform: t(`sale.platform.${p().platform}`) })}</h3>
      <dl class="stats">
        <For each={counts()}>
          {(c) => (
            <div>
              <dt>{c.label}</dt>
              <dd>
                <strong data-testid={c.testid}>{c.value}</strong>
              </dd>
            </div>
          )}
        </For>
      </dl>
      <p data-testid="preview-gmv">{t("sale.previewGmv", { paid: money(p().paidFen), refunded: money(p().refundedFen) })}</p>
      <p data-testid="preview-commission">
        <strong>{t("sale.commissionChange", { before: money(p().commissionBeforeFen), after: money(p().commissionAfterFen) })}</strong>
      </p>
      <p class="meta" data-testid="preview-wallet">
        {t("sale.walletAvailable", { amount: money(p().walletAvailableFen) })}
      </p>
      <Show when={extra() > p().walletAvailableFen}>
        <p class="notice notice-warn">{t("sale.walletShort")}</p>
      </Show>
      <Show when={p().sample.length}>
        <section aria-labelledby="sales-sample-title">
          <h4 id="sales-sample-title" class="field-label">
            {t("sale.sample", { count: p().sample.length })}
          </h4>
          <ul class="sale-lines" data-testid="preview-sample">
            <For each={p().sample}>
              {(l) => (
                <li>
                  <span class="list-title">{l.productName ?? l.lineID}</span>
                  <LineFigures line={l} />
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <Show when={p().rejected.length}>
        <section aria-labelledby="sales-rejected-title">
          <h4 id="sales-rejected-title" class="field-label">
            {t("sale.rejectedTitle", { count: p().rejected.length })}
          </h4>
          <ul class="rejected-rows" data-testid="preview-rejected-rows">
            <For each={p().rejected}>
              {(r) => (
                <li data-testid="rejected-row" data-row={r.row}>
                  <strong>{t("sale.rejectedRow", { row: r.row, column: r.column })}</strong>
                  {rowReason(r.reason, locale())}
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <Switch>
        <Match when={choice() === "unreadable"}>
          <p class="notice notice-error" data-testid="preview-unreadable">
            {t("sale.unreadable")}
          </p>
        </Match>
        <Match when={choice() === "nothing"}>
          <p class="notice notice-info" data-testid="preview-nothing">
            {t("sale.nothingNew")}
          </p>
        </Match>
        <Match when={choice() === "skip"}>
          <p class="notice notice-warn" data-testid="preview-rule">
            {t("sale.rejectedRule", { count: p().rejected.length, valid: valid() })}
          </p>
        </Match>
      </Switch>
      <div class="button-row">
        <Show when={choice() === "import"}>
          <button type="button" class="btn btn-primary" disabled={props.busy} onClick={() => props.onImport(false)} data-testid="sales-import-all">
            {props.busy ? t("sale.importing") : t("sale.importAll", { count: p().new + p().changed })}
          </button>
        </Show>
        <Show when={choice() === "skip"}>
          <button type="button" class="btn btn-primary" disabled={props.busy} onClick={() => props.onImport(true)} data-testid="sales-import-valid">
            {props.busy ? t("sale.importing") : t("sale.importValid", { count: valid() })}
          </button>
        </Show>
        <button type="button" class="btn btn-secondary" disabled={props.busy} onClick={() => props.onClear()} data-testid="sales-clear">
          {t("sale.otherFile")}
        </button>
      </div>
    </section>
  );
}
