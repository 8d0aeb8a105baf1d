import { CopyButton } from './CopyButton';

interface CopyableFieldProps {
	/** Visible label, also used for the copy button's accessible name. */
	label: string;
	value: string;
	/** A secret gets a stronger look and is never put into a tooltip or title. */
	secret?: boolean;
	help?: string;
}

/**
 * A read-only value (URL, client ID, secret) shown in full, selectable, with a copy button.
 */
export function CopyableField( {
	label,
	value,
	secret = false,
	help,
}: CopyableFieldProps ) {
	return (
		<div
			className={ `keystone-oidc-copyable${
				secret ? ' is-secret' : ''
			}` }
		>
			<div className="keystone-oidc-copyable__label">{ label }</div>
			<div className="keystone-oidc-copyable__row">
				<code className="keystone-oidc-copyable__value">{ value }</code>
				<CopyButton text={ value } label={ label } />
			</div>
			{ help && (
				<p className="keystone-oidc-copyable__help description">
					{ help }
				</p>
			) }
		</div>
	);
}
