import { Card, CardBody, CardHeader } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { rotateKeys } from '../../../api';
import { ConfirmedAction } from '../../../components/ConfirmedAction';
import { CopyableField } from '../../../components/CopyableField';
import type { SigningKey } from '../../../api/types';
import { keyRows } from '../keys';

interface KeysCardProps {
	kid: string;
	keys: SigningKey[];
	onRotated: ( kid: string ) => void;
}

export function KeysCard( { kid, keys, onRotated }: KeysCardProps ) {
	return (
		<Card>
			<CardHeader>
				<h2>{ __( 'Signing Keys', 'keystone-oidc' ) }</h2>
			</CardHeader>
			<CardBody>
				{ kid !== '' ? (
					<CopyableField
						label={ __( 'Current Key ID (kid)', 'keystone-oidc' ) }
						value={ kid }
					/>
				) : (
					<p>
						{ __(
							'No signing key has been created yet.',
							'keystone-oidc'
						) }
					</p>
				) }
				{ keys.length > 0 && (
					<div className="keystone-oidc-keys">
						<table className="widefat striped">
							<caption className="screen-reader-text">
								{ __(
									'Published signing keys',
									'keystone-oidc'
								) }
							</caption>
							<thead>
								<tr>
									<th scope="col">
										{ __( 'Key ID', 'keystone-oidc' ) }
									</th>
									<th scope="col">
										{ __( 'Algorithm', 'keystone-oidc' ) }
									</th>
									<th scope="col">
										{ __( 'Created', 'keystone-oidc' ) }
									</th>
									<th scope="col">
										{ __( 'Status', 'keystone-oidc' ) }
									</th>
								</tr>
							</thead>
							<tbody>
								{ keyRows( keys ).map( ( row ) => (
									<tr key={ row.kid }>
										<td>
											<code>{ row.kid }</code>
										</td>
										<td>{ row.alg }</td>
										<td>{ row.created }</td>
										<td>
											{ row.status === 'current'
												? __(
														'Current',
														'keystone-oidc'
												  )
												: sprintf(
														/* translators: %s: date and time. */
														__(
															'Retired — still published until %s',
															'keystone-oidc'
														),
														row.publishedUntil
												  ) }
										</td>
									</tr>
								) ) }
							</tbody>
						</table>
					</div>
				) }
				<p className="description">
					{ __(
						'Rotate the keys if you suspect a private key was exposed, or on a regular schedule.',
						'keystone-oidc'
					) }
				</p>
				<ConfirmedAction
					label={ __( 'Rotate Signing Keys', 'keystone-oidc' ) }
					title={ __( 'Rotate the signing keys?', 'keystone-oidc' ) }
					perform={ rotateKeys }
					onDone={ ( answer ) => onRotated( answer.kid ) }
					success={ ( answer ) =>
						sprintf(
							/* translators: %s: key ID of the new signing key. */
							__(
								'Signing keys rotated. New tokens are signed with key %s.',
								'keystone-oidc'
							),
							answer.kid
						)
					}
				>
					<p>
						{ __(
							'A new signing key is created and every new ID token and access token is signed with it.',
							'keystone-oidc'
						) }
					</p>
					<p>
						{ __(
							'Tokens already issued stay valid until they expire: the old public key stays published in the JWKS until then. Nobody is signed out.',
							'keystone-oidc'
						) }
					</p>
				</ConfirmedAction>
			</CardBody>
		</Card>
	);
}
