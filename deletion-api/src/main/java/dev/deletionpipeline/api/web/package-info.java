/** HTTP hygiene in front of every controller: the request body size limit. */
package dev.deletionpipeline.api.web;
