interface Props {
  readonly id: string;
  readonly label: string;
  readonly shortcut?: string;
  readonly disabled?: boolean;
  readonly pressed?: boolean;
  readonly onClick: () => void;
}

/** A toolbar button with a visible label and its shortcut in the tooltip. */
export function ToolButton({ id, label, shortcut, disabled = false, pressed, onClick }: Props) {
  return (
    <button
      type="button"
      data-testid={`toolbar-${id}`}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-keyshortcuts={shortcut?.replace('Ctrl', 'Control').replace('Delete', 'Delete')}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={() => onClick()}
    >
      {label}
    </button>
  );
}
