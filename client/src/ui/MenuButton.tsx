import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly onSelect: () => void;
  readonly disabled?: boolean;
  /** A toggle (or, with `radio`, one choice of several): shown checked or not. */
  readonly checked?: boolean;
  readonly radio?: boolean;
}

interface Props {
  /** The accessible name of the button and of the menu. */
  readonly label: string;
  /** What the button shows. */
  readonly text: string;
  readonly items: readonly MenuItem[];
  readonly testId: string;
}

/**
 * A button that opens a menu of less-used actions (the phone's top bar and toolbar). Arrow keys,
 * Home and End move through the items, Escape closes and returns to the button, a click or tap
 * elsewhere closes. An item's action runs with the focus back on the button, so a dialog it
 * opens returns the focus there.
 */
export function MenuButton({ label, text, items, testId }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = useId();
  const enabledItems = (): HTMLButtonElement[] => [
    ...(menu.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? []),
  ];

  useEffect(() => {
    if (!open) return;
    enabledItems()[0]?.focus();
    const onDown = (e: PointerEvent): void => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [open]);

  const onMenuKey = (e: KeyboardEvent): void => {
    const list = enabledItems();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') list[(at + 1) % list.length]?.focus();
    else if (e.key === 'ArrowUp') list[(at - 1 + list.length) % list.length]?.focus();
    else if (e.key === 'Home') list[0]?.focus();
    else if (e.key === 'End') list[list.length - 1]?.focus();
    else if (e.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
    } else {
      if (e.key === 'Tab') setOpen(false);
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="kk-menu">
      <button
        ref={button}
        type="button"
        className="kk-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        title={label}
        data-testid={testId}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowDown') return;
          e.preventDefault();
          setOpen(true);
        }}
      >
        {text}
      </button>
      {open && (
        <ul ref={menu} id={menuId} role="menu" aria-label={label} className="kk-menu-list" onKeyDown={onMenuKey}>
          {items.map((item) => (
            <li key={item.id} role="none">
              <button
                type="button"
                role={item.checked === undefined ? 'menuitem' : item.radio ? 'menuitemradio' : 'menuitemcheckbox'}
                aria-checked={item.checked}
                disabled={item.disabled}
                data-testid={`${testId}-${item.id}`}
                onClick={() => {
                  setOpen(false);
                  button.current?.focus();
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
