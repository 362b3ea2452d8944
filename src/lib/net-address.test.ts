import { describe, expect, it } from 'vitest';
import { isLocalName, isPrivateAddress, literalAddress } from './net-address.js';

describe('private addresses', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.20',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.251',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a00:1',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('insists on an address', () => {
    expect(() => isPrivateAddress('example.com')).toThrow(TypeError);
  });

  it('finds IP literals in URLs, IPv6 without brackets', () => {
    expect(literalAddress(new URL('http://127.0.0.1:8080/x'))).toBe('127.0.0.1');
    expect(literalAddress(new URL('http://[::1]/x'))).toBe('::1');
    // The URL parser normalises the odd spellings of IPv4 that could slip past a naive check.
    expect(literalAddress(new URL('http://2130706433/'))).toBe('127.0.0.1');
    expect(literalAddress(new URL('http://0x7f.1/'))).toBe('127.0.0.1');
    expect(literalAddress(new URL('https://hooks.example.com/'))).toBeNull();
  });

  it('knows the names that always mean this machine', () => {
    expect(isLocalName('localhost')).toBe(true);
    expect(isLocalName('LOCALHOST.')).toBe(true);
    expect(isLocalName('api.localhost')).toBe(true);
    expect(isLocalName('localhost.example.com')).toBe(false);
  });
});
