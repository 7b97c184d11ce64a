import { type Accessor, createSignal, createUniqueId, type JSX, Show, splitProps } from "solid-js";
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

/** The part of a form (see createForm) a bound field needs: its error, and clearing it on edit. */
export interface FormBinding<F extends string> {
  fieldError(name: F): string | undefined;
  touch(name: F): void;
}

interface BoundProps<F extends string> {
  label: string;
  hint?: string;
  optional?: boolean;
  form: FormBinding<F>;
  name: F;
  value: Accessor<string>;
  setValue: (value: string) => void;
}

const boundKeys = ["label", "hint", "optional", "form", "name", "value", "setValue"] as const;

/** A Field whose label, hint, optional mark and error come from the form, for one named control. */
function BoundField<F extends string>(props: { of: BoundProps<F>; children: (control: Control) => JSX.Element }) {
  return (
    <Field label={props.of.label} hint={props.of.hint} optional={props.of.optional} error={props.of.form.fieldError(props.of.name)}>
      {props.children}
    </Field>
  );
}

/** Sets the value, then clears the field's message, as every edit does. */
function edit<F extends string>(props: BoundProps<F>, value: string) {
  props.setValue(value);
  props.form.touch(props.name);
}

/** What ties a text control to its Field and the form: spread after the control's own attributes. */
function wiring<F extends string>(own: BoundProps<F>, c: Control) {
  return {
    id: c.id,
    get name() {
      return own.name;
    },
    get value() {
      return own.value();
    },
    onInput: (e: { currentTarget: { value: string } }) => edit(own, e.currentTarget.value),
    get "aria-invalid"() {
      return c.invalid;
    },
    get "aria-describedby"() {
      return c.describedBy;
    },
  };
}

type Wired = "form" | "id" | "name" | "value" | "onInput" | "onChange" | "aria-invalid" | "aria-describedby" | "children";

/** A text input in a Field; other input attributes (type, autocomplete, maxLength, data-testid…) pass through. */
export function TextField<F extends string>(props: BoundProps<F> & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, Wired>) {
  const [own, input] = splitProps(props, boundKeys);
  return <BoundField of={own}>{(c) => <input type="text" {...input} {...wiring(own, c)} />}</BoundField>;
}

/** A textarea in a Field; other textarea attributes (rows, maxLength…) pass through. */
export function TextAreaField<F extends string>(props: BoundProps<F> & Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, Wired>) {
  const [own, textarea] = splitProps(props, boundKeys);
  return <BoundField of={own}>{(c) => <textarea {...textarea} {...wiring(own, c)} />}</BoundField>;
}

/** A select in a Field; the options are its children. */
export function SelectField<F extends string>(props: BoundProps<F> & { children: JSX.Element; testid?: string }) {
  return (
    <BoundField of={props}>
      {(c) => (
        <select
          id={c.id}
          name={props.name}
          value={props.value()}
          onChange={(e) => edit(props, e.currentTarget.value)}
          aria-invalid={c.invalid}
          aria-describedby={c.describedBy}
          data-testid={props.testid}
        >
          {props.children}
        </select>
      )}
    </BoundField>
  );
}

/** A password input with a show/hide toggle in a Field. */
export function PasswordField<F extends string>(props: BoundProps<F> & { autocomplete: "current-password" | "new-password"; testid?: string }) {
  return (
    <BoundField of={props}>
      {(c) => <PasswordInput control={c} value={props.value()} autocomplete={props.autocomplete} testid={props.testid} onInput={(v) => edit(props, v)} />}
    </BoundField>
  );
}

interface PasswordProps {
  control: Control;
  value: string;
  onInput: (value: string) => void;
  autocomplete: "current-password" | "new-password";
  testid?: string;
}

function PasswordInput(props: PasswordProps) {
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
