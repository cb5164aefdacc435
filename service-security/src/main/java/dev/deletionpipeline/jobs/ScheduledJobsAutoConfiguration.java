package dev.deletionpipeline.jobs;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The one way every service runs its scheduled jobs: Spring's {@code @Scheduled}, and, for a job that must run on one
 * instance at a time, ShedLock's {@code @SchedulerLock} on the {@code shedlock} table (migration V14), timed by the
 * database's clock so that instances with skewed clocks agree. A lock whose holder died ends after the job's
 * {@code lockAtMostFor}. (The relay's leadership is not a job but a standing role, and keeps its own session lock.)
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnBean(DataSource.class)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
public class ScheduledJobsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LockProvider scheduledJobsLockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }
}
