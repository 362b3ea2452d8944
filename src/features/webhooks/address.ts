// The address guard is shared with the wire feeds' polling: it lives in src/lib/net-address.ts.
export { isLocalName, isPrivateAddress, literalAddress, PrivateAddressError, publicOnlyLookup } from '../../lib/net-address.js';
