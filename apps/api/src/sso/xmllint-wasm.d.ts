// The schema validator ships without types: one function, resolving for XML valid against the SAML schemas.
declare module '@authenio/samlify-xmllint-wasm' {
  export function validate(xml: string): Promise<true>;
}
