package io.jwtbridge.idp;

/**
 * What a login through an IdP may do with an identity that no user is linked to yet, and with the
 * profile of a linked one (ZITADEL's provider options, docs/admin-api.md).
 *
 * @param linkingAllowed with {@code autoLinking}: link the identity to one existing user
 * @param creationAllowed a user may be created for the identity
 * @param autoCreation the user is created without asking; without it the browser confirms first
 * @param autoUpdate the user's profile is refreshed from the claims at each login
 * @param autoLinking how the existing user is found
 */
public record ProviderOptions(
        boolean linkingAllowed,
        boolean creationAllowed,
        boolean autoCreation,
        boolean autoUpdate,
        AutoLinkingOption autoLinking) {

    public ProviderOptions {
        if (autoLinking == null) {
            autoLinking = AutoLinkingOption.AUTO_LINKING_OPTION_UNSPECIFIED;
        }
    }

    /** The options of an IdP made or changed through the v1 API: its autoRegister, update on, no linking. */
    public static ProviderOptions ofAutoRegister(boolean autoRegister) {
        return new ProviderOptions(false, autoRegister, autoRegister, true, null);
    }

    /** The v1 view: users are registered without asking. */
    public boolean autoRegister() {
        return creationAllowed && autoCreation;
    }

    /** Whether an unknown identity is linked automatically, and how. */
    public boolean autoLinks() {
        return linkingAllowed && autoLinking != AutoLinkingOption.AUTO_LINKING_OPTION_UNSPECIFIED;
    }

    /**
     * The options after a v1 change of autoRegister: unchanged when it is the same, else creation
     * and automatic creation both follow it (linking and automatic update are kept).
     */
    ProviderOptions withAutoRegister(boolean autoRegister) {
        if (autoRegister == autoRegister()) {
            return this;
        }
        return new ProviderOptions(linkingAllowed, autoRegister, autoRegister, autoUpdate, autoLinking);
    }
}
