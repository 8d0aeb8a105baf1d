/* eslint-disable no-bitwise -- CRC-32 and the ZIP headers are bit fields. */
/**
 * A small ZIP writer and reader on node's zlib: enough for the plugin archive (deflated files,
 * explicit folder entries, Unix permissions), with no tool to install on the build machine.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipInput {
	/** Path inside the archive with `/` separators; a folder ends with `/`. */
	name: string;
	/** File content; absent for a folder. */
	data?: Buffer;
}

export interface ZipEntry {
	name: string;
	data: Buffer;
	isDirectory: boolean;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const UTF8_NAMES = 0x0800;
const MADE_BY_UNIX = ( 3 << 8 ) | 20;
const VERSION_NEEDED = 20;
const FILE_MODE = 0o100644;
const DIRECTORY_MODE = 0o040755;
const MSDOS_DIRECTORY = 0x10;

const CRC_TABLE = ( () => {
	const table = new Uint32Array( 256 );
	for ( let n = 0; n < 256; n++ ) {
		let c = n;
		for ( let k = 0; k < 8; k++ ) {
			c = c & 1 ? 0xedb88320 ^ ( c >>> 1 ) : c >>> 1;
		}
		table[ n ] = c >>> 0;
	}
	return table;
} )();

export function crc32( data: Buffer ): number {
	let crc = 0xffffffff;
	for ( const byte of data ) {
		crc = ( CRC_TABLE[ ( crc ^ byte ) & 0xff ] as number ) ^ ( crc >>> 8 );
	}
	return ( crc ^ 0xffffffff ) >>> 0;
}

function dosDateTime( date: Date ): { time: number; date: number } {
	const year = Math.max( date.getUTCFullYear(), 1980 );
	return {
		time:
			( date.getUTCHours() << 11 ) |
			( date.getUTCMinutes() << 5 ) |
			Math.floor( date.getUTCSeconds() / 2 ),
		date:
			( ( year - 1980 ) << 9 ) |
			( ( date.getUTCMonth() + 1 ) << 5 ) |
			date.getUTCDate(),
	};
}

/** Builds a whole archive in memory. Entries keep the given order. */
export function createZip( inputs: ZipInput[], modified: Date ): Buffer {
	const when = dosDateTime( modified );
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	const seen = new Set< string >();

	for ( const input of inputs ) {
		if ( seen.has( input.name ) ) {
			throw new Error( `zip: duplicate entry ${ input.name }` );
		}
		seen.add( input.name );
		const isDirectory = input.name.endsWith( '/' );
		const raw = isDirectory
			? Buffer.alloc( 0 )
			: input.data ?? Buffer.alloc( 0 );
		const deflated =
			raw.length > 0 ? deflateRawSync( raw, { level: 9 } ) : raw;
		const useDeflate = deflated.length < raw.length;
		const body = useDeflate ? deflated : raw;
		const method = useDeflate ? METHOD_DEFLATED : METHOD_STORED;
		const name = Buffer.from( input.name, 'utf8' );
		const crc = crc32( raw );

		const local = Buffer.alloc( 30 );
		local.writeUInt32LE( LOCAL_HEADER, 0 );
		local.writeUInt16LE( VERSION_NEEDED, 4 );
		local.writeUInt16LE( UTF8_NAMES, 6 );
		local.writeUInt16LE( method, 8 );
		local.writeUInt16LE( when.time, 10 );
		local.writeUInt16LE( when.date, 12 );
		local.writeUInt32LE( crc, 14 );
		local.writeUInt32LE( body.length, 18 );
		local.writeUInt32LE( raw.length, 22 );
		local.writeUInt16LE( name.length, 26 );
		local.writeUInt16LE( 0, 28 );

		const central = Buffer.alloc( 46 );
		central.writeUInt32LE( CENTRAL_HEADER, 0 );
		central.writeUInt16LE( MADE_BY_UNIX, 4 );
		central.writeUInt16LE( VERSION_NEEDED, 6 );
		central.writeUInt16LE( UTF8_NAMES, 8 );
		central.writeUInt16LE( method, 10 );
		central.writeUInt16LE( when.time, 12 );
		central.writeUInt16LE( when.date, 14 );
		central.writeUInt32LE( crc, 16 );
		central.writeUInt32LE( body.length, 20 );
		central.writeUInt32LE( raw.length, 24 );
		central.writeUInt16LE( name.length, 28 );
		central.writeUInt16LE( 0, 30 );
		central.writeUInt16LE( 0, 32 );
		central.writeUInt16LE( 0, 34 );
		central.writeUInt16LE( 0, 36 );
		central.writeUInt32LE(
			( ( ( isDirectory ? DIRECTORY_MODE : FILE_MODE ) << 16 ) |
				( isDirectory ? MSDOS_DIRECTORY : 0 ) ) >>>
				0,
			38
		);
		central.writeUInt32LE( offset, 42 );

		locals.push( local, name, body );
		centrals.push( central, name );
		offset += local.length + name.length + body.length;
	}

	if ( inputs.length > 0xffff || offset > 0xffffffff ) {
		throw new Error( 'zip: archive too large for this writer (no ZIP64)' );
	}
	const centralSize = centrals.reduce(
		( sum, part ) => sum + part.length,
		0
	);
	const end = Buffer.alloc( 22 );
	end.writeUInt32LE( END_OF_CENTRAL_DIRECTORY, 0 );
	end.writeUInt16LE( inputs.length, 8 );
	end.writeUInt16LE( inputs.length, 10 );
	end.writeUInt32LE( centralSize, 12 );
	end.writeUInt32LE( offset, 16 );
	return Buffer.concat( [ ...locals, ...centrals, end ] );
}

/** Reads every entry of an archive through its central directory, checking each CRC. */
export function readZip( archive: Buffer ): ZipEntry[] {
	let endAt = -1;
	for ( let i = archive.length - 22; i >= 0; i-- ) {
		if ( archive.readUInt32LE( i ) === END_OF_CENTRAL_DIRECTORY ) {
			endAt = i;
			break;
		}
	}
	if ( endAt < 0 ) {
		throw new Error( 'zip: end of central directory not found' );
	}
	const count = archive.readUInt16LE( endAt + 10 );
	let at = archive.readUInt32LE( endAt + 16 );
	const entries: ZipEntry[] = [];
	for ( let i = 0; i < count; i++ ) {
		if ( archive.readUInt32LE( at ) !== CENTRAL_HEADER ) {
			throw new Error( 'zip: bad central directory header' );
		}
		const method = archive.readUInt16LE( at + 10 );
		const crc = archive.readUInt32LE( at + 16 );
		const compressedSize = archive.readUInt32LE( at + 20 );
		const nameLength = archive.readUInt16LE( at + 28 );
		const extraLength = archive.readUInt16LE( at + 30 );
		const commentLength = archive.readUInt16LE( at + 32 );
		const localAt = archive.readUInt32LE( at + 42 );
		const name = archive.toString( 'utf8', at + 46, at + 46 + nameLength );
		at += 46 + nameLength + extraLength + commentLength;

		const dataAt =
			localAt +
			30 +
			archive.readUInt16LE( localAt + 26 ) +
			archive.readUInt16LE( localAt + 28 );
		const body = archive.subarray( dataAt, dataAt + compressedSize );
		let data: Buffer;
		if ( method === METHOD_STORED ) {
			data = Buffer.from( body );
		} else if ( method === METHOD_DEFLATED ) {
			data = inflateRawSync( body );
		} else {
			throw new Error(
				`zip: unsupported method ${ method } for ${ name }`
			);
		}
		if ( crc32( data ) !== crc ) {
			throw new Error( `zip: CRC mismatch for ${ name }` );
		}
		entries.push( { name, data, isDirectory: name.endsWith( '/' ) } );
	}
	return entries;
}
