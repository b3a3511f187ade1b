import { useCallback, useRef, useState } from 'react';
import { ApiError } from './api';
import { formFieldFor, hasErrors, visibleErrors, type Errors, type FieldAliases } from './form-errors';

export type FormOptions<T> = {
  /** Client checks, run on every change: field → message (already translated). */
  validate?: (values: T) => Errors;
  /** Server field names that this form calls otherwise. */
  aliases?: FieldAliases;
  /** Shown when the server cannot be reached. */
  networkMessage: string;
};

export type Form<T extends Record<string, unknown>> = ReturnType<typeof useForm<T>>;

/**
 * Form state with checks as the person types and the server's verdict placed next to the field it
 * concerns. Values are never reset by a failed save: nothing typed is lost.
 */
export function useForm<T extends Record<string, unknown>>(initial: T, options: FormOptions<T>) {
  const [values, setValues] = useState<T>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const clientErrors = options.validate?.(values) ?? {};
  const errors = visibleErrors(clientErrors, serverErrors, touched);

  const set = useCallback(<K extends keyof T & string>(field: K, value: T[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((t) => (t.has(field) ? t : new Set([...t, field])));
    setServerErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  }, []);

  const touch = useCallback((field: string) => setTouched((t) => (t.has(field) ? t : new Set([...t, field]))), []);

  /** Runs `action` when the client checks pass; places ApiErrors by field. Answers whether it succeeded. */
  async function submit(action: (values: T) => Promise<void>): Promise<boolean> {
    setTouched(new Set([...Object.keys(values), ...Object.keys(clientErrors)]));
    setFormError(null);
    if (hasErrors(clientErrors)) {
      focusFirstInvalid();
      return false;
    }
    setSubmitting(true);
    try {
      await action(values);
      setServerErrors({});
      return true;
    } catch (err) {
      placeError(err);
      return false;
    } finally {
      setSubmitting(false);
    }
  }

  function placeError(err: unknown) {
    if (!(err instanceof ApiError)) {
      setFormError(optionsRef.current.networkMessage);
      return;
    }
    const field = formFieldFor(err.field, Object.keys(values), optionsRef.current.aliases);
    if (field) {
      setServerErrors({ [field]: err.message });
      focusFirstInvalid();
    } else setFormError(err.message);
  }

  return { values, setValues, set, touch, errors, formError, setFormError, placeError, submitting, submit };
}

function focusFirstInvalid() {
  // After React has rendered the messages.
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
