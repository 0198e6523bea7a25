interface Props {
  readonly id: string;
  /** What the button does, in full: its accessible name and tooltip. */
  readonly label: string;
  /** A shorter text to show instead of the label (the phone's toolbar). */
  readonly text?: string | undefined;
  readonly shortcut?: string;
  readonly disabled?: boolean;
  readonly pressed?: boolean;
  readonly onClick: () => void;
}

/** A toolbar button with a visible label and its shortcut in the tooltip. */
export function ToolButton({ id, label, text, shortcut, disabled = false, pressed, onClick }: Props) {
  return (
    <button
      type="button"
      data-testid={`toolbar-${id}`}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-label={text !== undefined && text !== label ? label : undefined}
      aria-keyshortcuts={shortcut?.replace('Ctrl', 'Control')}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={() => onClick()}
    >
      {text ?? label}
    </button>
  );
}
