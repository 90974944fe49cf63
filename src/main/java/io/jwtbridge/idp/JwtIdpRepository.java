package io.jwtbridge.idp;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface JwtIdpRepository extends JpaRepository<JwtIdp, String>, JpaSpecificationExecutor<JwtIdp> {

    boolean existsByName(String name);

    boolean existsByNameAndIdNot(String name, String id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select i from JwtIdp i where i.id = :id")
    Optional<JwtIdp> findForUpdate(String id);
}
