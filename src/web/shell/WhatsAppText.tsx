import { Fragment, type ReactNode } from 'react';
import { parseWhatsApp, type FormatNode } from './whatsapp-format';

/**
 * A message body as WhatsApp shows it: formatting and links become React elements, everything
 * else stays text (React escapes it), so a customer's "<img onerror>" is shown, never run.
 */
export function WhatsAppText({ text }: { text: string }) {
  return <>{render(parseWhatsApp(text))}</>;
}

function render(nodes: FormatNode[]): ReactNode[] {
  return nodes.map((node, i) => <Fragment key={i}>{renderNode(node)}</Fragment>);
}

function renderNode(node: FormatNode): ReactNode {
  if (typeof node === 'string') return node;
  switch (node.type) {
    case 'bold':
      return <strong>{render(node.children)}</strong>;
    case 'italic':
      return <em>{render(node.children)}</em>;
    case 'strike':
      return <s>{render(node.children)}</s>;
    case 'mono':
      return <code className="wa-mono">{node.text}</code>;
    case 'link':
      return <a href={node.href} target="_blank" rel="noopener noreferrer">{node.text}</a>;
  }
}
