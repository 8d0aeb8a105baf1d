import { Spinner } from '@wordpress/components';

export function Loading( { label }: { label: string } ) {
	return (
		<div className="keystone-oidc-loading" role="status">
			<Spinner />
			<span>{ label }</span>
		</div>
	);
}
