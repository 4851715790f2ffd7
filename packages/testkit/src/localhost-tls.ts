/**
 * A self-signed certificate for localhost and 127.0.0.1 (P-256, valid for 100 years) and its key,
 * for https servers in tests. Clients connect with `rejectUnauthorized: false`.
 */
export const LOCALHOST_TLS = {
  key: [
    "-----BEGIN PRIVATE KEY-----",
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgC/I6wyT/W/m0NDBg",
    "BvE5g1wyd/pGK+an7TsdFpfdTRuhRANCAASqZ8AA+YeDm48qgN0Jyno1MOVQgCAM",
    "2AAP0HGKUX6K9mc5h7spm3UkCeM1MNbUqcsLJvpBYSom8KqNjXfkHWGq",
    "-----END PRIVATE KEY-----",
  ].join("\n"),
  cert: [
    "-----BEGIN CERTIFICATE-----",
    "MIIBnDCCAUGgAwIBAgIUQ3OiOGxtzV6QA0SL9Oko00e2+y0wCgYIKoZIzj0EAwIw",
    "FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNTE4NDgzMVoYDzIxMjYxMTEx",
    "MTg0ODMxWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO",
    "PQMBBwNCAASqZ8AA+YeDm48qgN0Jyno1MOVQgCAM2AAP0HGKUX6K9mc5h7spm3Uk",
    "CeM1MNbUqcsLJvpBYSom8KqNjXfkHWGqo28wbTAdBgNVHQ4EFgQUm/mT6rIUTnb/",
    "gUYX4vkLGE01XiswHwYDVR0jBBgwFoAUm/mT6rIUTnb/gUYX4vkLGE01XiswDwYD",
    "VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI",
    "zj0EAwIDSQAwRgIhAP1sIUsUoDYc39t6Y/wZKjuOROH7zuZjULoYSLuCa8lEAiEA",
    "n98+AOObFjONNL6LHhTE54AGUHDFTEUGIhZGPJrU7RE=",
    "-----END CERTIFICATE-----",
  ].join("\n"),
};
