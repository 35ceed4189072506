package com.acme.confirm.aot;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Records, when Spring processes the application ahead of time (the build's
 * {@code process-aot}), the bean-selecting properties of the build's environment into the
 * jar, for {@link AotBuildPropertiesCheck}. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
class AotBuildPropertiesRecorder implements BeanFactoryInitializationAotProcessor {

	@Override
	public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		String recorded = AotBuildProperties
			.write(AotBuildProperties.of(beanFactory.getBean(ConfigurableEnvironment.class)));
		return (generationContext, code) -> generationContext.getGeneratedFiles()
			.addResourceFile(AotBuildProperties.LOCATION, recorded);
	}

}
