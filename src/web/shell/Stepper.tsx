/** The pages of a wizard, the current one marked for sight and for screen readers. */
export function Stepper({ steps, current, label }: { steps: string[]; current: number; label: string }) {
  return (
    <ol className="stepper" aria-label={label}>
      {steps.map((step, i) => (
        <li key={step} className={i < current ? 'done' : i === current ? 'current' : ''} aria-current={i === current ? 'step' : undefined}>
          <span className="stepper-index" aria-hidden="true">{i + 1}</span>
          {step}
        </li>
      ))}
    </ol>
  );
}
