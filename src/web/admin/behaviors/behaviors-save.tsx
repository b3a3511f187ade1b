import { createContext, useContext, useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { Form } from '../../shell/use-form';
import type { BehaviorsView, UpdateBehaviorsBody } from './behaviors-types';

/** The parts of the behaviors body, one per section of the page; a server error's field starts with one. */
export const SECTION_KEYS = ['automatedMessages', 'survey', 'bot', 'autoClose'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export type Section = {
  /** The section's heading, to name it while it has unsaved changes. */
  label: string;
  dirty: boolean;
  /** Runs the section's checks (showing what fails); its part of the body, or null when a check fails. */
  prepare: () => Promise<UpdateBehaviorsBody | null>;
  /** Shows a server error that concerns this section next to its field. */
  placeError: (err: unknown) => void;
  /** The page's save went through with what prepare gave. */
  saved: (view: BehaviorsView) => void;
};

type Registry = {
  register: (key: SectionKey, section: MutableRefObject<Section>) => () => void;
  setDirty: (key: SectionKey, dirty: boolean) => void;
};

const SectionsContext = createContext<Registry | null>(null);
export const SectionsProvider = SectionsContext.Provider;

/**
 * The page's side: the sections on it, which of them have unsaved changes, and the registry they
 * join. The Behaviors page saves every section with one request, so nothing typed in one section is
 * left behind when another is saved.
 */
export function useSections() {
  const sections = useRef(new Map<SectionKey, MutableRefObject<Section>>());
  const [dirty, setDirtyKeys] = useState<ReadonlySet<SectionKey>>(new Set());
  const registry = useRef<Registry>({
    register: (key, section) => {
      sections.current.set(key, section);
      return () => void sections.current.delete(key);
    },
    setDirty: (key, isDirty) =>
      setDirtyKeys((old) => {
        if (old.has(key) === isDirty) return old;
        const next = new Set(old);
        if (isDirty) next.add(key);
        else next.delete(key);
        return next;
      }),
  }).current;
  const current = () => SECTION_KEYS.flatMap((key) => {
    const section = sections.current.get(key)?.current;
    return section ? [{ key, section }] : [];
  });
  return { registry, dirty, current };
}

/**
 * A section's side: joins the page's one save with its form. `body` turns the values into the
 * section's part of the request; `afterSave` (optional) gives the values to keep once saved (a
 * secret field is emptied, for example).
 */
export function useBehaviorsSection<T extends Record<string, unknown>>(
  key: SectionKey,
  label: string,
  form: Form<T>,
  body: (values: T) => UpdateBehaviorsBody,
  afterSave?: (sent: T) => T,
) {
  const registry = useContext(SectionsContext);
  const [baseline, setBaseline] = useState(form.values);
  const sent = useRef<T | null>(null);
  const dirty = JSON.stringify(form.values) !== JSON.stringify(baseline);
  const section = useRef<Section>(null as unknown as Section);
  section.current = {
    label,
    dirty,
    prepare: async () => {
      let out: UpdateBehaviorsBody | null = null;
      await form.submit(async (values) => {
        sent.current = values;
        out = body(values);
      });
      return out;
    },
    placeError: form.placeError,
    saved: () => {
      if (!sent.current) return;
      const kept = afterSave ? afterSave(sent.current) : sent.current;
      if (afterSave) form.setValues(kept);
      setBaseline(kept);
    },
  };
  useEffect(() => registry?.register(key, section), [registry, key]);
  useEffect(() => registry?.setDirty(key, dirty), [registry, key, dirty]);
}
