import { placeholderSegments } from '../../../shared/quick-reply-text';

/** A quick reply's text with its {Placeholders} marked. */
export function PlaceholderText({ text }: { text: string }) {
  return (
    <>
      {placeholderSegments(text).map((s, i) => (s.placeholder ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}
