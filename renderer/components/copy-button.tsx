import { Button } from '@fluentui/react-components';
import { CheckmarkRegular, CopyRegular } from '@fluentui/react-icons';
import { useState } from 'react';

/** Copies text to the clipboard and says so for a moment. */
export function CopyButton(props: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
    } catch {
      // Clipboard API refused (no secure context or permission): fall back to a hidden textarea and execCommand.
      const area = document.createElement('textarea');
      area.value = props.text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <Button size="small" icon={copied ? <CheckmarkRegular /> : <CopyRegular />} onClick={() => void copy()} aria-label={props.label}>
      {copied ? 'Copied' : 'Copy'}
    </Button>
  );
}
