import type { ReactNode } from 'react';

/**
 * A field's help with its error (if any) under it, announced when it appears.
 */
export function FieldHelp( {
	help,
	error,
}: {
	help: ReactNode;
	error: string | undefined;
} ) {
	return (
		<>
			{ help }
			<span className="keystone-oidc-field-errors" aria-live="polite">
				{ error !== undefined && (
					<>
						<br />
						{ error }
					</>
				) }
			</span>
		</>
	);
}
