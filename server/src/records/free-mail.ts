/** The free-mail list lives in contract/ (the create form uses it too); the server's name for it. */
export { domainOf, isFreeMailDomain } from '../../../contract/free-mail';
