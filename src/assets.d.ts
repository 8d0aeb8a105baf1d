// Stylesheets are extracted by @wordpress/scripts into `build/<entry>.css`; importing one has no value.
declare module '*.scss';
