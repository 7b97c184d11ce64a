import { createSignal, createUniqueId, type JSX, Show } from "solid-js";
import { t } from "../i18n";

export interface Control {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
  children: (control: Control) => JSX.Element;
}

/** Label, hint and error wired to one control by id, aria-describedby and aria-invalid. */
export function Field(props: FieldProps) {
  const id = createUniqueId();
  const hintID = `${id}-hint`;
  const errorID = `${id}-error`;
  const describedBy = () => [props.error ? errorID : undefined, props.hint ? hintID : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field" classList={{ "field-invalid": Boolean(props.error) }}>
      <label class="field-label" for={id}>
        {props.label}
        <Show when={props.optional}>
          <span class="field-optional">{t("field.optional")}</span>
        </Show>
      </label>
      {props.children({
        id,
        get describedBy() {
          return describedBy();
        },
        get invalid() {
          return Boolean(props.error);
        },
      })}
      <Show when={props.error}>
        <p class="field-error" id={errorID}>
          {props.error}
        </p>
      </Show>
      <Show when={props.hint}>
        <p class="field-hint" id={hintID}>
          {props.hint}
        </p>
      </Show>
    </div>
  );
}

interface PasswordProps {
  control: Control;
  value: string;
  onInput: (value: string) => void;
  autocomplete: "current-password" | "new-password";
  testid?: string;
}

export function PasswordInput(props: PasswordProps) {
  const [shown, setShown] = createSignal(false);
  return (
    <div class="password">
      <input
        id={props.control.id}
        name="password"
        type={shown() ? "text" : "password"}
        autocomplete={props.autocomplete}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={props.control.invalid}
        aria-describedby={props.control.describedBy}
        data-testid={props.testid}
      />
      <button type="button" class="password-toggle" aria-pressed={shown()} aria-label={t("password.showLabel")} onClick={() => setShown(!shown())}>
        {shown() ? t("password.hide") : t("password.show")}
      </button>
    </div>
  );
}
