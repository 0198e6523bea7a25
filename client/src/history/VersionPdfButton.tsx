import { download } from '../ui/download';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api';
import { fetchVersionPdf } from '../api/history';
import { useSession } from '../session/sessionContext';

/**
 * "Exporteren als PDF" for one version (rule CL-V7): the server draws that version (SV-V7) and the
 * browser downloads it. Busy while it is made; a failure is said beside the button.
 */
export function VersionPdfButton({ sid }: { readonly sid: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const [state, setState] = useState<{ kind: 'idle' | 'busy' } | { kind: 'failed'; reason: string }>({
    kind: 'idle',
  });
  const run = (): void => {
    setState({ kind: 'busy' });
    fetchVersionPdf(session.id, session.token, sid).then(
      ({ blob, name }) => {
        download(blob, name);
        setState({ kind: 'idle' });
      },
      (e: unknown) => {
        const reason =
          e instanceof ApiError
            ? e.status === 503
              ? t('history.pdfBusy')
              : `HTTP ${e.status}`
            : e instanceof Error
              ? e.message
              : String(e);
        setState({ kind: 'failed', reason });
      },
    );
  };
  return (
    <>
      <button
        type="button"
        data-testid="history-pdf"
        data-state={state.kind}
        disabled={state.kind === 'busy'}
        aria-busy={state.kind === 'busy'}
        onClick={run}
      >
        {state.kind === 'busy' ? t('history.pdfMaking') : t('history.pdf')}
      </button>
      {state.kind === 'failed' && (
        <p role="alert" className="kk-error kk-history-pdf-error" data-testid="history-pdf-error">
          {t('history.pdfFailed', { reason: state.reason })}
        </p>
      )}
    </>
  );
}
