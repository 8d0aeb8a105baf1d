import { Button, SelectControl, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { sourceOf } from '../mappings';
import type { MappingField, MappingRow } from '../types';

interface MappingFieldsProps {
	row: MappingRow;
	position: number;
	scopes: string[];
	/** Field → text to show under it (already translated). */
	errors: Partial< Record< MappingField, string > >;
	disabled: boolean;
	onChange: ( change: Partial< Omit< MappingRow, 'key' > > ) => void;
	onRemove: () => void;
}

function FieldError( { text }: { text: string | undefined } ) {
	return (
		<span className="keystone-oidc-field-errors" aria-live="polite">
			{ text }
		</span>
	);
}

export function MappingFields( {
	row,
	position,
	scopes,
	errors,
	disabled,
	onChange,
	onRemove,
}: MappingFieldsProps ) {
	const legend = sprintf(
		/* translators: %d: the mapping's position in the list, from 1. */
		__( 'Mapping %d', 'keystone-oidc' ),
		position
	);
	return (
		<fieldset className="keystone-oidc-mapping">
			<legend className="screen-reader-text">{ legend }</legend>
			<TextControl
				__nextHasNoMarginBottom
				__next40pxDefaultSize
				label={ __( 'Claim Name', 'keystone-oidc' ) }
				value={ row.claim }
				onChange={ ( claim ) => onChange( { claim } ) }
				placeholder="department"
				disabled={ disabled }
				aria-invalid={ errors.claim !== undefined }
				help={ <FieldError text={ errors.claim } /> }
			/>
			<SelectControl
				__nextHasNoMarginBottom
				__next40pxDefaultSize
				label={ __( 'Source', 'keystone-oidc' ) }
				value={ row.source }
				options={ [
					{
						value: 'meta',
						label: __( 'User meta', 'keystone-oidc' ),
					},
					{
						value: 'roles',
						label: __( 'Roles', 'keystone-oidc' ),
					},
				] }
				onChange={ ( source: string ) =>
					onChange( { source: sourceOf( source ) } )
				}
				disabled={ disabled }
				help={ <FieldError text={ errors.source } /> }
			/>
			{ row.source === 'meta' ? (
				<TextControl
					__nextHasNoMarginBottom
					__next40pxDefaultSize
					label={ __( 'Meta Key', 'keystone-oidc' ) }
					value={ row.metaKey }
					onChange={ ( metaKey ) => onChange( { metaKey } ) }
					placeholder="department"
					disabled={ disabled }
					aria-invalid={ errors.meta_key !== undefined }
					help={ <FieldError text={ errors.meta_key } /> }
				/>
			) : (
				<p className="keystone-oidc-mapping__note">
					{ __(
						'The user’s role slugs, as a list.',
						'keystone-oidc'
					) }
				</p>
			) }
			<SelectControl
				__nextHasNoMarginBottom
				__next40pxDefaultSize
				label={ __( 'Released With Scope', 'keystone-oidc' ) }
				value={ row.scope }
				options={ scopes.map( ( scope ) => ( {
					value: scope,
					label: scope,
				} ) ) }
				onChange={ ( scope: string ) => onChange( { scope } ) }
				disabled={ disabled }
				aria-invalid={ errors.scope !== undefined }
				help={ <FieldError text={ errors.scope } /> }
			/>
			<Button
				className="keystone-oidc-mapping__remove"
				variant="tertiary"
				isDestructive
				onClick={ onRemove }
				disabled={ disabled }
				accessibleWhenDisabled
				label={ sprintf(
					/* translators: %s: "Mapping 2", or the claim name. */
					__( 'Remove %s', 'keystone-oidc' ),
					row.claim.trim() !== '' ? row.claim.trim() : legend
				) }
				showTooltip={ false }
				__next40pxDefaultSize
			>
				{ __( 'Remove', 'keystone-oidc' ) }
			</Button>
		</fieldset>
	);
}
