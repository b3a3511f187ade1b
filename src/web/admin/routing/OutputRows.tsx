import { Fragment, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outputs } from './routing-types';
import { nobodyHas, SkillSuggestions, useKnownSkills } from '../users/known-skills';

/** "Then set" rows of a classification rule: skills with proficiency, priority, capacity, variables. */
export function OutputRows({ outputs, onChange, label }: { outputs: Outputs; onChange: (o: Outputs) => void; label: string }) {
  const { t } = useTranslation();
  const skills = outputs.skills ?? [];
  const known = useKnownSkills();
  const listId = useId();
  const variables = Object.entries(outputs.variables ?? {});
  const setVariables = (entries: [string, string][]) => onChange({ ...outputs, variables: Object.fromEntries(entries) });
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  return (
    <div className="output-rows" role="group" aria-label={label}>
      <SkillSuggestions id={listId} skills={known} />
      {skills.map((s, i) => (
        <Fragment key={`s${i}`}>
          <div className="condition-row">
            <span className="row-word">{t('admin.routing.skill')}</span>
            <input aria-label={t('admin.routing.skillNameN', { n: i + 1 })} value={s.name} list={listId} onChange={(e) => onChange({ ...outputs, skills: skills.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })} />
            <label className="inline">
              {t('admin.users.proficiency')}
              <input type="number" min={1} max={10} className="short" value={s.proficiency} onChange={(e) => onChange({ ...outputs, skills: skills.map((x, j) => (j === i ? { ...x, proficiency: Number(e.target.value) } : x)) })} />
            </label>
            <button type="button" className="icon" aria-label={t('admin.routing.removeSkillN', { n: i + 1 })} onClick={() => onChange({ ...outputs, skills: skills.filter((_, j) => j !== i) })}>✕</button>
          </div>
          {nobodyHas(known, s.name) && <p className="field-hint warn" role="note">{t('admin.routing.skillNobodyHas', { name: s.name.trim() })}</p>}
        </Fragment>
      ))}
      <div className="condition-row">
        <label className="inline">
          {t('admin.routing.priority')}
          <input type="number" min={0} max={1000} className="short" value={outputs.priority ?? ''} onChange={(e) => onChange({ ...outputs, priority: num(e.target.value) })} />
        </label>
        <label className="inline">
          {t('admin.routing.capacityRequired')}
          <input type="number" min={0} max={10000} className="short" value={outputs.capacityRequired ?? ''} onChange={(e) => onChange({ ...outputs, capacityRequired: num(e.target.value) })} />
        </label>
      </div>
      {variables.map(([k, v], i) => (
        <div key={`v${i}`} className="condition-row">
          <span className="row-word">{t('admin.routing.variable')}</span>
          <input aria-label={t('admin.routing.variableNameN', { n: i + 1 })} value={k} className="short" onChange={(e) => setVariables(variables.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))} />
          <span>=</span>
          <input aria-label={t('admin.routing.variableValueN', { n: i + 1 })} value={v} onChange={(e) => setVariables(variables.map((x, j) => (j === i ? [x[0], e.target.value] : x)))} />
          <button type="button" className="icon" aria-label={t('admin.routing.removeVariableN', { n: i + 1 })} onClick={() => setVariables(variables.filter((_, j) => j !== i))}>✕</button>
        </div>
      ))}
      <div className="inline-actions">
        <button type="button" onClick={() => onChange({ ...outputs, skills: [...skills, { name: '', proficiency: 5 }] })}>{t('admin.routing.addSkill')}</button>
        <button type="button" onClick={() => setVariables([...variables, [`var${variables.length + 1}`, '']])}>{t('admin.routing.addVariable')}</button>
      </div>
    </div>
  );
}
