package io.jwtbridge.user;

import io.jwtbridge.audit.AuditEvent;
import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.web.ApiException;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admin's rules for users and links: state transitions and removals, each with an audit event. */
@Service
class UserAdministration {

    private final UserAdminRepository repository;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;

    UserAdministration(UserAdminRepository repository, AuditLog auditLog, ApplicationEventPublisher events) {
        this.repository = repository;
        this.auditLog = auditLog;
        this.events = events;
    }

    /** Deactivates or reactivates; a deactivated user's sessions and grants end at once. */
    @Transactional
    AuditEvent changeState(String userId, boolean activate, String editor) {
        String state = lock(userId);
        String wanted = activate ? User.ACTIVE : User.INACTIVE;
        if (state.equals(wanted)) {
            throw ApiException.failedPrecondition(
                    activate ? "USER-NotInactive" : "USER-NotActive",
                    activate ? "user is not inactive" : "user is not active");
        }
        AuditEvent event =
                auditLog.append("user", userId, activate ? "user.reactivated" : "user.deactivated", editor, Map.of());
        repository.changeState(userId, wanted, event);
        if (!activate) {
            events.publishEvent(new UserDeactivated(userId));
        }
        return event;
    }

    /** Removes the user and its links; its sessions and grants end at once. */
    @Transactional
    AuditEvent remove(String userId, String editor) {
        lock(userId);
        AuditEvent event = auditLog.append("user", userId, "user.removed", editor, Map.of());
        events.publishEvent(new UserRemoved(userId));
        repository.delete(userId);
        return event;
    }

    @Transactional
    AuditEvent removeLink(String userId, String idpId, String externalUserId, String editor) {
        lock(userId);
        if (!repository.deleteLink(userId, idpId, externalUserId)) {
            throw ApiException.notFound("USER-LinkNotFound", "link not found");
        }
        return auditLog.append(
                "user",
                userId,
                "user.idp.link.removed",
                editor,
                Map.of("idpId", idpId, "externalUserId", externalUserId));
    }

    private String lock(String userId) {
        return repository.stateForUpdate(userId).orElseThrow(UserAdministration::notFound);
    }

    static ApiException notFound() {
        return ApiException.notFound("USER-NotFound", "user not found");
    }
}
