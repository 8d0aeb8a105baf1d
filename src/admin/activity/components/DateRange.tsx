import { TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import type { DateRange as Range } from '../query';

/**
 * The date filter, which DataViews' own filters (choices only) do not offer: two days, both
 * included.
 */
export function DateRange( {
	value,
	onChange,
}: {
	value: Range;
	onChange: ( next: Range ) => void;
} ) {
	return (
		<div className="keystone-oidc-activity-dates">
			<TextControl
				type="date"
				label={ __( 'From', 'keystone-oidc' ) }
				value={ value.from }
				max={ value.to || undefined }
				onChange={ ( from ) => onChange( { ...value, from } ) }
				__next40pxDefaultSize
				__nextHasNoMarginBottom
			/>
			<TextControl
				type="date"
				label={ __( 'To', 'keystone-oidc' ) }
				value={ value.to }
				min={ value.from || undefined }
				onChange={ ( to ) => onChange( { ...value, to } ) }
				__next40pxDefaultSize
				__nextHasNoMarginBottom
			/>
		</div>
	);
}
