import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { moveItem } from './rule-rows';

/**
 * An ordered list whose items are reordered by dragging the handle, or with the Move up / Move
 * down buttons for keyboard and screen-reader users.
 */
export function SortableList<T>({ items, keyOf, labelOf, onReorder, disabled, children }: {
  items: T[];
  keyOf: (item: T) => string;
  labelOf: (item: T) => string;
  onReorder: (items: T[]) => void;
  disabled?: boolean;
  children: (item: T, index: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  return (
    <ol className="sortable">
      {items.map((item, i) => (
        <li key={keyOf(item)} className={`sortable-item ${over === i && dragging !== null && dragging !== i ? 'drop-target' : ''} ${dragging === i ? 'dragging' : ''}`}
          onDragOver={(e) => { if (dragging !== null) { e.preventDefault(); setOver(i); } }}
          onDragLeave={() => setOver((o) => (o === i ? null : o))}
          onDrop={(e) => { e.preventDefault(); if (dragging !== null) onReorder(moveItem(items, dragging, i)); setDragging(null); setOver(null); }}>
          <div className="sortable-controls">
            <span className="drag-handle" draggable={!disabled} aria-hidden="true" title={t('admin.routing.dragToReorder')}
              onDragStart={(e) => { setDragging(i); e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', String(i)); }}
              onDragEnd={() => { setDragging(null); setOver(null); }}>⋮⋮</span>
            <button type="button" className="icon" disabled={disabled || i === 0} onClick={() => onReorder(moveItem(items, i, i - 1))}
              aria-label={t('admin.routing.moveUp', { name: labelOf(item) })}>↑</button>
            <button type="button" className="icon" disabled={disabled || i === items.length - 1} onClick={() => onReorder(moveItem(items, i, i + 1))}
              aria-label={t('admin.routing.moveDown', { name: labelOf(item) })}>↓</button>
          </div>
          <div className="sortable-body">{children(item, i)}</div>
        </li>
      ))}
    </ol>
  );
}
