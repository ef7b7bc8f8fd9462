#pragma once

#include "tokenerror.h"

#include "support/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Authdesk {

// What an authorization server publishes about itself (RFC 8414 §2; OpenID Connect Discovery uses
// the same members), read from the document that MetadataDiscoveryJob fetches.
struct AuthorizationServerMetadata
{
    QString issuer;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl revocationEndpoint; // empty when the server has none
    bool authorizationResponseIssParameterSupported = false; // RFC 9207 §3
    QStringList codeChallengeMethodsSupported; // empty: the server does not support PKCE (RFC 8414 §2)
    QStringList tokenEndpointAuthMethodsSupported; // defaults to client_secret_basic when absent
    QJsonObject document; // everything, as published

    // Where to look, in order (RFC 8414 §3 and §5): the well-known path inserted between host and
    // the issuer's path, then OpenID Connect's appended one:
    //   https://ex.com/tenant1 -> https://ex.com/.well-known/oauth-authorization-server/tenant1,
    //                             https://ex.com/tenant1/.well-known/openid-configuration
    // Nothing when the issuer is not an https URL (http only on loopback) without query and fragment.
    static QList<QUrl> discoveryUrls(const QString &issuer);

    // Validates a fetched document: its `issuer` must equal expectedIssuer exactly (RFC 8414 §3.3;
    // otherwise the data must not be used), endpoints must be absolute and allowed by NetworkPolicy.
    static Result<AuthorizationServerMetadata, TokenError> fromDocument(const QJsonObject &document,
        const QString &expectedIssuer);
};

} // namespace Authdesk
