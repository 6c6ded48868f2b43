/**
 * Forms for the API's commands: labelled fields, hints, and the server's
 * per-field errors shown in a summary that links to each field (as the
 * resident form does), then a status message once the command is done.
 */
import { createContext, type FormEvent, type ReactNode, useContext, useEffect, useId, useRef, useState } from 'react';
import { type AnswerOf, ApiError, type BodyOf, type Call, type CommandRoute } from '../api.js';
import { fieldLabel, inWords } from '../errors.js';
import { useSession } from '../session.js';

export type FieldValue = string | boolean | string[];

/** One field of a command's form; `Name` is a field of the command's input in the contracts. */
export interface FieldSpec<Name extends string = string> {
  name: Name;
  label: string;
  kind?: 'text' | 'textarea' | 'select' | 'date' | 'number' | 'checkbox' | 'checkboxes' | 'email' | 'tel';
  options?: readonly { value: string; label: string }[];
  required?: boolean;
  hint?: string;
  initial?: FieldValue;
  /** Shown only when this returns true for the current values. */
  when?: (values: Record<string, FieldValue>) => boolean;
  autoComplete?: string;
  min?: number;
  max?: number;
}

export function fieldId(formId: string, name: string): string {
  return `${formId}-${name}`;
}

export function ErrorSummary({
  formId,
  error,
  labels,
}: {
  formId: string;
  error: ApiError | Error;
  labels: Record<string, string>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: move focus to each new error
  useEffect(() => {
    ref.current?.focus();
  }, [error]);
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h4>There is a problem</h4>
      {fields.length ? (
        <ul>
          {fields.map(([name, message]) => {
            const label = fieldLabel(name, labels);
            // A field the form shows is a link to it; one it does not is said in words, never by its name.
            if (labels[name])
              return (
                <li key={name}>
                  <a href={`#${fieldId(formId, name)}`}>{`${label}: ${inWords(message)}`}</a>
                </li>
              );
            return <li key={name}>{label ? `${label}: ${inWords(message)}` : inWords(message)}</li>;
          })}
        </ul>
      ) : (
        <p>{inWords(error.message)}</p>
      )}
    </div>
  );
}

export function Field({
  formId,
  spec,
  value,
  error,
  onChange,
}: {
  formId: string;
  spec: FieldSpec;
  value: FieldValue;
  error?: string;
  onChange(value: FieldValue): void;
}) {
  const id = fieldId(formId, spec.name);
  const hintId = spec.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const label = `${spec.label}${spec.required ? '' : ' (optional)'}`;
  const common = {
    id,
    name: spec.name,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    required: spec.required,
  } as const;
  const kind = spec.kind ?? 'text';

  if (kind === 'checkbox') {
    return (
      <div className={`field field-checkbox${error ? ' field-error' : ''}`}>
        {error ? (
          <p className="error-message" id={errorId}>
            {error}
          </p>
        ) : null}
        <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{spec.label}</label>
        {spec.hint ? (
          <p className="hint" id={hintId}>
            {spec.hint}
          </p>
        ) : null}
      </div>
    );
  }
  if (kind === 'checkboxes') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className={`field${error ? ' field-error' : ''}`} aria-describedby={describedBy} id={id} tabIndex={-1}>
        <legend>{label}</legend>
        {spec.hint ? (
          <p className="hint" id={hintId}>
            {spec.hint}
          </p>
        ) : null}
        {error ? (
          <p className="error-message" id={errorId}>
            {error}
          </p>
        ) : null}
        {(spec.options ?? []).map((o) => (
          <div className="field-checkbox" key={o.value}>
            <input
              type="checkbox"
              id={`${id}-${o.value}`}
              name={spec.name}
              value={o.value}
              checked={chosen.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))}
            />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
    );
  }
  const text = typeof value === 'string' ? value : '';
  let control: ReactNode;
  if (kind === 'textarea') {
    control = <textarea {...common} rows={5} value={text} onChange={(e) => onChange(e.target.value)} />;
  } else if (kind === 'select') {
    control = (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        {(spec.options ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        {...common}
        type={kind}
        value={text}
        min={spec.min}
        max={spec.max}
        autoComplete={spec.autoComplete ?? 'off'}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {spec.hint ? (
        <p className="hint" id={hintId}>
          {spec.hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={errorId}>
          {inWords(error)}
        </p>
      ) : null}
      {control}
    </div>
  );
}

export function initialValues(fields: readonly FieldSpec[]): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const f of fields) {
    values[f.name] = f.initial ?? (f.kind === 'checkbox' ? false : f.kind === 'checkboxes' ? [] : '');
  }
  return values;
}

/** The JSON body: text trimmed, empty optional fields left out, numbers as numbers. */
export function bodyFrom(fields: readonly FieldSpec[], values: Record<string, FieldValue>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.when && !f.when(values)) continue;
    const v = values[f.name];
    if (typeof v === 'string') {
      const t = v.trim();
      if (t === '' && !f.required) continue;
      body[f.name] = f.kind === 'number' ? Number(t) : t;
    } else if (v !== undefined) {
      body[f.name] = v;
    }
  }
  return body;
}

/**
 * A page-level status message: forms that disappear once done (an answered
 * request's form) still say so, in one live region for the whole page.
 */
export const AnnounceContext = createContext<((message: string) => void) | null>(null);

export function StatusToast({ message }: { message: string | undefined }) {
  return (
    <p className={message ? 'toast' : 'toast toast-empty'} role="status">
      {message ?? ''}
    </p>
  );
}

/** Runs one command and remembers how it went. */
export function useCommand() {
  const { api } = useSession();
  const announce = useContext(AnnounceContext);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error>();
  const [done, setDone] = useState<string>();
  const run = async <R extends CommandRoute>(
    { route, params }: Call<R>,
    body: BodyOf<R>,
    doneMessage: string,
  ): Promise<AnswerOf<R> | undefined> => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const result = await api.send(route, params, body);
      if (announce) announce(doneMessage);
      else setDone(doneMessage);
      return result;
    } catch (err) {
      setError(err as Error);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, done, clear: () => setDone(undefined) };
}

/** The names of a command's input fields. */
export type FieldOf<R extends CommandRoute> = keyof BodyOf<R> & string;

export interface CommandFormProps<R extends CommandRoute> extends Call<R> {
  /** Unique on the page: prefixes every field id. */
  id: string;
  title: string;
  fields: readonly FieldSpec<FieldOf<R>>[];
  submitLabel: string;
  doneMessage: string;
  description?: ReactNode;
  onDone?(result: AnswerOf<R>): void;
  /** Adjusts the body before it is sent (e.g. only what changed). */
  transform?(body: Record<string, unknown>): Record<string, unknown>;
  /** The heading level of the form's title. */
  level?: 2 | 3 | 4;
  danger?: boolean;
}

export function CommandForm<R extends CommandRoute>(props: CommandFormProps<R>) {
  const { fields } = props;
  const [values, setValues] = useState(() => initialValues(fields));
  const command = useCommand();
  const headingId = useId();
  const labels = Object.fromEntries(fields.map((f) => [f.name, f.label]));
  const fieldErrors = command.error instanceof ApiError ? command.error.fields : {};
  const Heading = `h${props.level ?? 3}` as const;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (command.busy) return;
    let body = bodyFrom(fields, values);
    if (props.transform) body = props.transform(body);
    // The fields are named from the command's input; their values are what the officer typed, checked by the API.
    const result = await command.run(props, body as BodyOf<R>, props.doneMessage);
    if (result !== undefined) {
      setValues(initialValues(fields));
      props.onDone?.(result);
    }
  };

  return (
    <form className="command" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <Heading id={headingId}>{props.title}</Heading>
      {props.description ? <div className="command-description">{props.description}</div> : null}
      {command.error ? <ErrorSummary formId={props.id} error={command.error} labels={labels} /> : null}
      {fields
        .filter((f) => !f.when || f.when(values))
        .map((f) => (
          <Field
            key={f.name}
            formId={props.id}
            spec={f}
            value={values[f.name] ?? ''}
            error={fieldErrors[f.name]}
            onChange={(v) => {
              command.clear();
              setValues((old) => ({ ...old, [f.name]: v }));
            }}
          />
        ))}
      <SubmitRow
        label={props.submitLabel}
        busyLabel="Working…"
        busy={command.busy}
        done={command.done}
        danger={props.danger}
      />
    </form>
  );
}

/** A form's submit button and the status line that says it is done. */
export function SubmitRow(props: { label: string; busyLabel: string; busy: boolean; done?: string; danger?: boolean }) {
  return (
    <div className="actions">
      <button
        type="submit"
        className={props.danger ? 'button button-warning' : 'button'}
        aria-disabled={props.busy || undefined}
      >
        {props.busy ? props.busyLabel : props.label}
      </button>
      <p className="done" role="status">
        {props.done ?? ''}
      </p>
    </div>
  );
}
