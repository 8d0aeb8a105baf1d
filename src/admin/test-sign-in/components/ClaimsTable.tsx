import { __ } from '@wordpress/i18n';

import { siteDate } from '../../../components/dates';
import { claimValue, explainClaim, isTimeClaim } from '../result';

interface ClaimsTableProps {
	/** Names the table for screen readers, e.g. "ID token claims". */
	caption: string;
	claims: Record< string, unknown >;
	/** A note per claim name the screen checked, e.g. that the nonce matches. */
	notes?: Record< string, string >;
}

/**
 * Claim, value and what it means to the application, one row per claim.
 */
export function ClaimsTable( {
	caption,
	claims,
	notes = {},
}: ClaimsTableProps ) {
	return (
		<table className="widefat striped keystone-oidc-claims-table">
			<caption className="screen-reader-text">{ caption }</caption>
			<thead>
				<tr>
					<th scope="col">{ __( 'Claim', 'keystone-oidc' ) }</th>
					<th scope="col">{ __( 'Value', 'keystone-oidc' ) }</th>
					<th scope="col">{ __( 'Meaning', 'keystone-oidc' ) }</th>
				</tr>
			</thead>
			<tbody>
				{ Object.entries( claims ).map( ( [ name, value ] ) => (
					<tr key={ name } data-claim={ name }>
						<th scope="row">
							<code>{ name }</code>
						</th>
						<td>
							<code className="keystone-oidc-claim-value">
								{ claimValue( value ) }
							</code>
							{ isTimeClaim( name, value ) && (
								<>
									<br />
									{ siteDate(
										new Date( value * 1000 ),
										'datetime'
									) }
								</>
							) }
						</td>
						<td>
							{ explainClaim( name ) }
							{ notes[ name ] !== undefined && (
								<>
									{ ' ' }
									<strong>{ notes[ name ] }</strong>
								</>
							) }
						</td>
					</tr>
				) ) }
			</tbody>
		</table>
	);
}
