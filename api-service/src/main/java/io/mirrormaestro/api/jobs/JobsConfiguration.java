package io.mirrormaestro.api.jobs;

import com.mongodb.client.MongoClient;
import io.mirrormaestro.api.ApiSettings;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.nosql.mongo.MongoDBStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JobRunr's storage, as the workers keep it in MongoDB ({@code MM_JOBRUNR_DATABASE}), opened for reading: no
 * migrations and no validation (the workers own the collections and may start after api-service), no job server.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    @Bean(destroyMethod = "close")
    StorageProvider jobRunrStorage(MongoClient mongo, ApiSettings settings) {
        MongoDBStorageProvider storage =
                new MongoDBStorageProvider(mongo, settings.jobrunrDatabase(), null, DatabaseOptions.NO_VALIDATE);
        storage.setJobMapper(new JobMapper(new JacksonJsonMapper()));
        return storage;
    }
}
