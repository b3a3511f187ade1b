import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SkillSuggestions, useKnownSkills } from './known-skills';
import { FieldSet } from '../../shell/fields';
import type { Skill } from './user-form';

/** Skills as rows of a name and a proficiency from 1 (basic) to 10 (expert). */
export function SkillsEditor({ skills, onChange, error }: { skills: Skill[]; onChange: (s: Skill[]) => void; error?: string }) {
  const { t } = useTranslation();
  const known = useKnownSkills();
  const listId = useId();
  const update = (i: number, patch: Partial<Skill>) => onChange(skills.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <FieldSet legend={t('admin.users.skills')} hint={t('admin.users.skillsHint')} error={error}>
      {skills.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t('admin.users.skillName')}</th>
              <th scope="col">{t('admin.users.proficiency')}</th>
              <th scope="col"><span className="visually-hidden">{t('admin.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {skills.map((s, i) => (
              <tr key={i}>
                <td><input aria-label={t('admin.users.skillNameN', { n: i + 1 })} value={s.name} maxLength={64} list={listId} onChange={(e) => update(i, { name: e.target.value })} /></td>
                <td className="proficiency">
                  <input type="range" min={1} max={10} value={s.proficiency} aria-label={t('admin.users.proficiencyOf', { name: s.name || i + 1 })}
                    aria-valuetext={`${s.proficiency} / 10`} onChange={(e) => update(i, { proficiency: Number(e.target.value) })} />
                  <output>{s.proficiency}</output>
                </td>
                <td><button type="button" onClick={() => onChange(skills.filter((_, j) => j !== i))} aria-label={t('admin.users.removeSkill', { name: s.name || i + 1 })}>{t('admin.remove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SkillSuggestions id={listId} skills={known} />
      <div><button type="button" onClick={() => onChange([...skills, { name: '', proficiency: 5 }])}>{t('admin.users.addSkill')}</button></div>
    </FieldSet>
  );
}
